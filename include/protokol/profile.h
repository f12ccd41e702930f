/*
 * profile.h - rule profiles: every number and switch that differs between
 * forretningsordener, each with its citation (§ and stk.) and a paraphrase.
 *
 * A profile is loaded from an INI file (assets/profiles/NAME.ini, format in README.md).
 * Every rule listed in PROFILE_RULES must be present in the file, as a section
 * [rule.key] with the keys value, cite and text.
 *
 * Invariant: a loaded profile has every rule set and its value within the rule's type.
 */
#ifndef PROTOKOL_PROFILE_H
#define PROTOKOL_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "protokol/i18n.h"
#include "protokol/util.h"

/* Value types of rules. */
enum rule_type {
        RT_BOOL,     /* yes | no */
        RT_INT,      /* a non-negative integer, 0..100000 */
        RT_ENUM,     /* one word out of the rule's allowed list */
        RT_LIST,     /* comma-separated words (may be empty) */
        RT_DEADLINE, /* "none" | "N days" | "N working-days" */
};

/*
 * X(ID, "section name", type, "allowed enum words separated by |" or NULL)
 * The section in the file is [ID's name], e.g. [quorum].
 */
#define PROFILE_RULES(X)                                                                           \
        X(R_MEETINGS_PUBLIC, "meetings.public", RT_BOOL, NULL)                                     \
        X(R_CLOSED_MANDATORY, "closed.mandatory", RT_LIST, NULL)                                   \
        X(R_CLOSED_DEFAULT, "closed.default", RT_LIST, NULL)                                       \
        X(R_QUORUM_PERCENT, "quorum", RT_INT, NULL)                                                \
        X(R_PROPOSAL_DEADLINE, "agenda.member-proposals", RT_DEADLINE, NULL)                       \
        X(R_AGENDA_DEADLINE, "agenda.dispatch", RT_DEADLINE, NULL)                                 \
        X(R_MATERIAL_DEADLINE, "agenda.material", RT_DEADLINE, NULL)                               \
        X(R_LATE_AGENDA, "agenda.late", RT_ENUM, "none|special-cases|reason-required")             \
        X(R_LEADER, "leader", RT_ENUM, "chair|mayor")                                              \
        X(R_ORDER_DEMAND, "order.demand", RT_INT, NULL)                                            \
        X(R_SPEAKERS, "speakers", RT_ENUM, "chair|request-order")                                  \
        X(R_CALLS_BEFORE_DENIAL, "calls-to-order", RT_INT, NULL)                                   \
        X(R_CLOSURE_DEMAND, "closure", RT_INT, NULL)                                               \
        X(R_MAJORITY, "decisions.majority", RT_ENUM, "votes-cast|members-present")                 \
        X(R_TIE, "decisions.tie", RT_ENUM, "chair-decides|not-adopted")                            \
        X(R_BEYOND_DOUBT, "decisions.beyond-doubt", RT_BOOL, NULL)                                 \
        X(R_AMEND_UNTIL, "amendments.until", RT_ENUM, "voting-begins|chair")                       \
        X(R_VOTING_ORDER, "amendments.order", RT_ENUM, "sub-amendments-first|chair")               \
        X(R_PROCEDURAL_FIRST, "procedural.first", RT_BOOL, NULL)                                   \
        X(R_TWO_READINGS, "readings.two", RT_BOOL, NULL)                                           \
        X(R_FIRST_READING_VOTE, "readings.first-reading", RT_ENUM, "passing-only")                 \
        X(R_READING_INTERVAL_HOURS, "readings.interval-hours", RT_INT, NULL)                       \
        X(R_READING_BUDGET_DAYS, "readings.budget-days", RT_INT, NULL)                             \
        X(R_READING_BYLAWS_DAYS, "readings.bylaws-days", RT_INT, NULL)                             \
        X(R_DISQUALIFICATION, "disqualification", RT_ENUM, "law|council-decides")                  \
        X(R_ELECTION_MAJORITY_BASIS, "election.majority-basis", RT_ENUM, "present|cast")           \
        X(R_ELECTION_ROUND2_SOLE, "election.round2-sole-candidate", RT_BOOL, NULL)                 \
        X(R_ELECTION_LOT, "election.lot", RT_BOOL, NULL)                                           \
        X(R_ELECTION_PROPORTIONAL, "election.proportional", RT_ENUM, "dhondt|dhondt-alliances")    \
        X(R_ELECTION_ALLIANCES, "election.alliances", RT_DEADLINE, NULL)                           \
        X(R_SUBSTITUTES, "substitutes", RT_BOOL, NULL)                                             \
        X(R_SEAT_LEAVE, "seats.leave-months", RT_INT, NULL)                                        \
        X(R_SEAT_VACANCY, "seats.vacancy", RT_ENUM, "list-substitute|personal-substitute")         \
        X(R_SEAT_PARTY, "seats.party-change", RT_ENUM, "keeps-seat|leaves-unless-mayor")           \
        X(R_SEAT_CHAIR, "seats.chair", RT_ENUM, "council-elects|group-elects")                     \
        X(R_ABSENTEES, "protocol.absentees", RT_ENUM, "named|with-reason")                         \
        X(R_DISSENT, "protocol.dissent", RT_BOOL, NULL)                                            \
        X(R_SIGNING, "protocol.signing", RT_ENUM, "all-attended|chair")                            \
        X(R_RULINGS, "rulings", RT_ENUM, "binding|final")                                          \
        X(R_AGENDA_FLOOR, "agenda.floor", RT_BOOL, NULL)                                           \
        X(R_CLOSED_LAST, "closed.last", RT_BOOL, NULL)                                             \
        X(R_OBSERVERS, "observers", RT_BOOL, NULL)                                                 \
        X(R_AMEND_DEADLINE, "amendments.deadline", RT_BOOL, NULL)                                  \
        X(R_ELECTION_PROPOSAL, "election.without-ballot", RT_BOOL, NULL)                           \
        X(R_MEETING_DEMAND, "meetings.on-demand", RT_INT, NULL)                                    \
        X(R_REPRESENTATIVES, "election.representatives", RT_ENUM, "anyone|council-members")        \
        X(R_WRITTEN_HEARING, "meetings.written-hearing", RT_BOOL, NULL)

enum rule_id {
#define X(id, name, type, words) id,
        PROFILE_RULES(X)
#undef X
            R__COUNT
};

enum deadline_unit { DL_NONE, DL_DAYS, DL_WORKING_DAYS };

struct rule {
        int ival;                /* RT_BOOL (0/1), RT_INT, RT_DEADLINE (N), RT_ENUM (index) */
        enum deadline_unit unit; /* RT_DEADLINE only */
        char sval[128];          /* the value as written (RT_ENUM word, RT_LIST text) */
        char cite[48];           /* "§ 4, stk. 1", or "" where the source has no provision */
        char text[512];          /* paraphrase in our own words */
        char text_da[512];       /* the same in Danish (key text.da), or "" */
        int line;                /* line of the section in the file, for messages */
};

struct profile {
        char name[64];    /* e.g. "lolland-2023" */
        char title[160];  /* the forretningsorden it encodes */
        char source[160]; /* where it comes from */
        char path[512];   /* the file it was loaded from */
        char language[8]; /* the body's language, for its minutes: "da" or "en" (key language;
                             "en" when not given) */
        bool grundlovsdag_working, juleaftensdag_working, nytaarsaftensdag_working;
        struct rule rules[R__COUNT];
};

/* Name of a rule's section, e.g. "quorum". */
const char *profile_rule_name(enum rule_id id);
enum rule_type profile_rule_type(enum rule_id id);

/* The rule whose section name is name (e.g. "closure"), or -1. */
int profile_rule_lookup(const char *name);
/* Every rule id, the rules whose names are closest to name (edit distance) first. */
void profile_rules_by_closeness(const char *name, int order[R__COUNT]);

/*
 * Loads a profile from path into *p. Returns 0, or -1 with *err naming file, line and key.
 * *p is fully written on success and unspecified on failure.
 */
int profile_load(const char *path, struct profile *p, struct pk_err *err);

/*
 * Finds NAME.ini in the profile search path (PROTOKOL_PROFILES env var, then the
 * directory of the running binary's build tree, then the installed data directory)
 * and loads it. Returns 0, or -1 with *err set (an unknown profile lists the known ones).
 */
int profile_find(const char *name, struct profile *p, struct pk_err *err);

/*
 * Parses a profile from text (the content of a profile file); label names it in messages.
 * Returns 0, or -1 with *err naming label, line and key.
 */
int profile_parse(const char *text, const char *label, struct profile *p, struct pk_err *err);

/*
 * Resolves a profile name to the path of its file, searching as profile_find does.
 * Returns 0 with path filled, or -1 with *err set.
 */
int profile_locate(const char *name, char *path, size_t n, struct pk_err *err);

/* Convenience accessors. */
static inline int profile_int(const struct profile *p, enum rule_id id)
{
        return p->rules[id].ival;
}
static inline const char *profile_cite(const struct profile *p, enum rule_id id)
{
        return p->rules[id].cite;
}
/*
 * The paraphrase of a rule in the language the program speaks now (the Danish one, text.da,
 * when the active translation is Danish and the profile has it; else the English one).
 */
static inline const char *profile_rule_text(const struct profile *p, enum rule_id id)
{
        const struct rule *r = &p->rules[id];
        return r->text_da[0] && pk_language_is_da() ? r->text_da : r->text;
}

/* True if the comma-separated list rule contains word. */
bool profile_list_has(const struct profile *p, enum rule_id id, const char *word);

#endif
