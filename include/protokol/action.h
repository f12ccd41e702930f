/*
 * action.h - the one table of actions (script verbs, UI commands), and a parsed action.
 *
 * Every action is declared once in PK_VERBS: its verb, the arguments it takes, whether it
 * changes the record, and its help text. The script parser, the engine's dispatch, the
 * `allowed` list and the UI's help are all generated from this table.
 *
 * Positional argument spec letters:
 *   S a quoted string     s an optional quoted string    D a date YYYY-MM-DD
 *   T a time HH:MM        N a whole number               W a bare word      w an optional word
 *   P a quoted name: not blank, and without direction-changing or invisible characters
 *   A a quoted name (as P) or a whole number (as N)
 *   X a quoted text that must say something: not blank
 *   '+' after a letter: one or more of it;  '*': zero or more.
 * Option spec: comma-separated key=type with the same letters, where L is a list of names
 * and words ("A","B",party:V,rest or a count); the key "*" (quoted) admits "NAME"=value
 * options with any quoted name. Flags are bare words the verb accepts.
 */
#ifndef PROTOKOL_ACTION_H
#define PROTOKOL_ACTION_H

#include <stdbool.h>

#include "protokol/i18n.h"

/*
 * What a verb needs before its own rules are asked: checked once, generically, in this order
 * (engine: verbs.c), each refusal naming what is missing. Each level implies those before it:
 * an item under treatment needs an open meeting, which needs a meeting that is not closed.
 */
enum pk_need {
        NEED_BODY = 1 << 0,       /* PN_BODY: a current body */
        NEED_MEETING = 1 << 1,    /* PN_MEETING: a current meeting that is not signed */
        NEED_NOT_CLOSED = 1 << 2, /* PN_NOT_CLOSED: ... and not closed */
        NEED_OPEN = 1 << 3,       /* PN_OPEN: ... opened and not suspended */
        NEED_ITEM = 1 << 4,       /* PN_ITEM: ... with an item under treatment */
        NEED_NO_BALLOT = 1 << 5,  /* PN_NO_BALLOT: no ballot open */
        NEED_QUORUM = 1 << 6,     /* PN_QUORUM: quorate */
};
#define PN_BODY NEED_BODY
#define PN_MEETING NEED_MEETING
#define PN_NOT_CLOSED (PN_MEETING | NEED_NOT_CLOSED)
#define PN_OPEN (PN_NOT_CLOSED | NEED_OPEN)
#define PN_ITEM (PN_OPEN | NEED_ITEM)
#define PN_NO_BALLOT NEED_NO_BALLOT
#define PN_QUORUM NEED_QUORUM

/* X(id, verb, positional, options, flags, changes-record, needs, help) */
#define PK_VERBS(X)                                                                                \
        X(V_BODY, "body", "P", "profile=W,seats=N", "", true, 0, N_("create or select a body"))    \
        X(V_MEMBER, "member", "P", "party=W,role=W,substitute=P,born=D,since=D,rank=N", "", true,  \
          PN_BODY, N_("register a member (and a personal substitute)"))                            \
        X(V_CORRECT, "correct", "WA",                                                              \
          "name=P,party=W,role=W,title=X,public-title=X,category=W,case=W", "", true, PN_BODY,     \
          N_("correct a member's name, party or role (correct member \"OLD\" ...) or an item's "   \
             "title, public title, category or case number (correct item N ...)"))                 \
        X(V_ON_LEAVE, "on-leave", "P", "from=D,until=D,substitute=P,decided=N,meeting=N", "",      \
          true, PN_BODY,                                                                           \
          N_("a member's leave from a date, with a substitute called in (decided=N: the item "     \
             "where the council found the conditions met)"))                                       \
        X(V_RETURN, "return", "P", "date=D", "", true, PN_BODY,                                    \
          N_("a member on leave returns; the substitute leaves the seat"))                         \
        X(V_VACANCY, "vacancy", "P", "from=D,successor=P,decided=N,meeting=N", "", true, PN_BODY,  \
          N_("a member leaves the seat for good; the next substitute (or successor=) enters"))     \
        X(V_PARTY, "party", "P", "party=W,from=D", "", true, PN_BODY,                              \
          N_("a member changes party (or becomes independent) from a date"))                       \
        X(V_ROLE, "role", "P", "role=W,from=D", "", true, PN_BODY,                                 \
          N_("a member takes another role (mayor, chair, ...) from a date"))                       \
        X(V_NEW_SUBSTITUTE, "new-substitute", "P", "substitute=P,from=D", "", true, PN_BODY,       \
          N_("a member without one gets a new personal substitute (KKR)"))                         \
        X(V_TERM, "term", "D", "", "", true, PN_BODY,                                              \
          N_("a new term after an election: every seat ends on the date"))                         \
        X(V_MEETING, "meeting", "DT", "kind=W,place=S,by=L,deadline=D", "virtual", true, PN_BODY,  \
          N_("create a meeting; it becomes current"))                                              \
        X(V_PLAN, "plan", "DT", "kind=W,place=S", "virtual", true, PN_BODY,                        \
          N_("plan a meeting of the current body (it does not become current)"))                   \
        X(V_ITEM, "item", "X",                                                                     \
          "public-title=S,category=W,reading=N,case=W,kind=W,proposer=P,submitted=D,"              \
          "first-reading=D,first-reading-time=T",                                                  \
          "closed,open", true, PN_NOT_CLOSED, N_("add an agenda item"))                            \
        X(V_DISPATCHED, "dispatched", "D", "", "", true, PN_NOT_CLOSED, N_("the agenda was sent")) \
        X(V_URGENT, "urgent", "X", "", "", true, PN_ITEM,                                          \
          N_("record why the current item cannot wait (late agenda)"))                             \
        X(V_PRESENT, "present", "P*", "", "all,except", true, PN_NOT_CLOSED,                       \
          N_("members present (all [except \"A\" \"B\"]: every member but those named)"))          \
        X(V_ABSENT, "absent", "P", "reason=S", "", true, PN_NOT_CLOSED, N_("a member is absent"))  \
        X(V_ARRIVE, "arrive", "P", "", "", true, PN_NOT_CLOSED, N_("a member arrives"))            \
        X(V_LEAVE, "leave", "P", "", "", true, PN_NOT_CLOSED, N_("a member leaves"))               \
        X(V_SUBSTITUTE, "substitute", "PWP", "", "", true, PN_NOT_CLOSED,                          \
          N_("a personal substitute takes the member's seat"))                                     \
        X(V_OPEN, "open", "", "", "", true, PN_NOT_CLOSED, N_("open the meeting"))                 \
        X(V_SUSPEND, "suspend", "", "", "", true, PN_OPEN | PN_NO_BALLOT,                          \
          N_("suspend the meeting"))                                                               \
        X(V_RESUME, "resume", "", "", "", true, PN_NOT_CLOSED, N_("resume the meeting"))           \
        X(V_CLOSE, "close", "", "", "", true, PN_NOT_CLOSED | PN_NO_BALLOT,                        \
          N_("close the meeting"))                                                                 \
        X(V_TAKE, "take", "N", "", "", true, PN_OPEN | PN_NO_BALLOT,                               \
          N_("start treating agenda item N"))                                                      \
        X(V_DROP, "drop", "N", "", "", true, PN_NOT_CLOSED | PN_NO_BALLOT,                         \
          N_("item N is withdrawn from the agenda before it is taken up (udgår)"))                 \
        X(V_MOVE, "move", "N", "to=N", "", true, PN_NOT_CLOSED,                                    \
          N_("move item N to place K in the order"))                                               \
        X(V_ORDER_VOTE, "order-vote", "", "by=L", "", true, PN_OPEN,                               \
          N_("members demand a vote on the order of items"))                                       \
        X(V_DOORS, "doors", "W", "", "", true, PN_OPEN, N_("doors open or closed"))                \
        X(V_INHABIL, "inhabil", "P", "", "vote,without-vote", true, PN_ITEM | PN_NO_BALLOT,        \
          N_("a member is disqualified for the current item (where the council decides: "          \
             "without-vote, or vote to put the question to a ballot)"))                            \
        X(V_SPEAKER, "speaker", "P+", "", "", true, PN_OPEN,                                       \
          N_("a member asks for the floor (several: they asked at once, in the order named)"))     \
        X(V_NEXT, "next", "P*", "", "", true, PN_OPEN,                                             \
          N_("give the floor to the next speaker (or to \"NAME\" where the chair chooses)"))       \
        X(V_CALL_TO_ORDER, "call-to-order", "P", "", "", true, PN_OPEN,                            \
          N_("call a member to order"))                                                            \
        X(V_DENY_FLOOR, "deny-floor", "P", "", "", true, PN_OPEN,                                  \
          N_("propose denying a member the floor"))                                                \
        X(V_CLOSURE, "closure", "", "by=L", "", true, PN_ITEM, N_("propose closing the debate"))   \
        X(V_MOTION, "motion", "X", "by=P", "", true, PN_ITEM,                                      \
          N_("the main proposal of the current item"))                                             \
        X(V_AMEND, "amend", "X", "to=W,by=P,submitted=D", "consented", true, PN_ITEM,              \
          N_("table an amendment or sub-amendment"))                                               \
        X(V_AMEND_DEADLINE, "amend-deadline", "ND", "", "sub-amendments", true, PN_NOT_CLOSED,     \
          N_("the council's deadline for amendments to item N, a 2nd reading"))                    \
        X(V_PROCEDURAL, "procedural", "X", "kind=W,by=P", "", true, PN_ITEM,                       \
          N_("table a procedural proposal (referral, postponement)"))                              \
        X(V_RANK, "rank", "W+", "", "", true, PN_ITEM,                                             \
          N_("the chair sets the voting order of amendments"))                                     \
        X(V_BALLOT, "ballot", "w", "", "", true, PN_OPEN | PN_NO_BALLOT | PN_QUORUM,               \
          N_("open the vote on the next subject (or on ID)"))                                      \
        X(V_VOTE, "vote", "", "for=L,against=L,abstain=L,chair=W", "", true, PN_OPEN,              \
          N_("close the ballot with the votes"))                                                   \
        X(V_ANSWER, "answer", "PW", "on=D", "", true, PN_ITEM,                                     \
          N_("a member's written answer in a written hearing: for, against or abstain"))           \
        X(V_DECLARE, "declare", "X", "", "", true, PN_ITEM | PN_NO_BALLOT,                         \
          N_("the chair declares an outcome beyond doubt"))                                        \
        X(V_DEMAND, "demand", "P", "", "", true, PN_ITEM | PN_NO_BALLOT,                           \
          N_("a member demands a vote"))                                                           \
        X(V_DECIDE, "decide", "", "", "", true, PN_ITEM | PN_NO_BALLOT,                            \
          N_("decided without a vote"))                                                            \
        X(V_INCOMPATIBLE, "incompatible", "W+", "", "", true, PN_ITEM | PN_NO_BALLOT,              \
          N_("amendments that lapse after the adopted one"))                                       \
        X(V_DECISION, "decision", "X", "public=S", "", true, PN_MEETING,                           \
          N_("the decision's wording"))                                                            \
        X(V_DISSENT, "dissent", "PX", "", "", true, PN_MEETING, N_("record a member's dissent"))   \
        X(V_POSTPONE, "postpone", "", "", "", true, PN_ITEM | PN_NO_BALLOT,                        \
          N_("postpone the current item"))                                                         \
        X(V_REFER, "refer", "X", "", "", true, PN_ITEM | PN_NO_BALLOT,                             \
          N_("refer the current item to a committee"))                                             \
        X(V_WITHDRAW, "withdraw", "", "", "", true, PN_ITEM | PN_NO_BALLOT,                        \
          N_("the current item is withdrawn"))                                                     \
        X(V_DONE, "done", "", "", "", true, PN_ITEM | PN_NO_BALLOT,                                \
          N_("the current item is finished"))                                                      \
        X(V_RULING, "ruling", "X", "rule=W", "", true, PN_OPEN,                                    \
          N_("record a ruling of the chair on the rules (rule= the profile rule it reads)"))       \
        X(V_RULING_DECIDED, "ruling-decided", "NWs", "meeting=N", "", true, PN_OPEN,               \
          N_("the council's decision on ruling N: upheld or overturned"))                          \
        X(V_ELECTION, "election", "X", "method=W,seats=N", "", true, PN_ITEM | PN_NO_BALLOT,       \
          N_("start an election under the current item"))                                          \
        X(V_CANDIDATE, "candidate", "P", "council=X", "proposed,official", true,                   \
          PN_ITEM | PN_NO_BALLOT, N_("a candidate in a majority election"))                        \
        X(V_GROUP, "group", "P", "members=L,votes=N", "reserved", true, PN_ITEM | PN_NO_BALLOT,    \
          N_("a group declared for a proportional election"))                                      \
        X(V_ROUND, "round", "", "blank=N,\"*\"=N", "", true, PN_ITEM | PN_NO_BALLOT,               \
          N_("the votes of one round of a majority election"))                                     \
        X(V_ALLOCATE, "allocate", "", "", "", true, PN_ITEM | PN_NO_BALLOT,                        \
          N_("share the seats of a proportional election"))                                        \
        X(V_WAIVE, "waive", "P", "", "", true, PN_ITEM | PN_NO_BALLOT,                             \
          N_("a group gives up one of its seats"))                                                 \
        X(V_LOT, "lot", "", "order=L", "", true, PN_ITEM | PN_NO_BALLOT,                           \
          N_("draw the lot the rules require (the order drawn is recorded)"))                      \
        X(V_ALLIANCE, "alliance", "P", "parties=L,reported=D", "", true, PN_NOT_CLOSED,            \
          N_("an electoral alliance of parties for the chair's election, and the day it was "      \
             "reported"))                                                                          \
        X(V_ACTING_CHAIR, "acting-chair", "P", "", "", true, PN_MEETING,                           \
          N_("the member the meeting elected to lead it when the chair and the vice-chair are "    \
             "absent (KKR)"))                                                                      \
        X(V_SIGN, "sign", "P", "", "", true, PN_MEETING,                                           \
          N_("a member who attended signs the protocol"))                                          \
        X(V_UNDO, "undo", "", "", "", true, 0,                                                     \
          N_("retract the last action (kept as a correction)"))                                    \
        X(V_CONVENER, "convener", "", "", "", false, PN_BODY,                                      \
          N_("who convenes the constituent meeting (KKR: the longest-serving mayor)"))             \
        X(V_STATUS, "status", "", "", "", false, 0, N_("print the state of the meeting"))          \
        X(V_ALLOWED, "allowed", "", "", "", false, 0,                                              \
          N_("what may happen now, and why not the rest"))

enum pk_verb {
#define X(id, name, pos, opts, flags, rec, needs, help) id,
        PK_VERBS(X)
#undef X
            V__COUNT
};

struct verb_info {
        const char *name, *pos, *opts, *flags;
        bool records;
        unsigned needs; /* enum pk_need */
        const char *help;
};
extern const struct verb_info pk_verb_info[V__COUNT];

/* A token of an argument: a bare word or a quoted string. */
struct tok {
        char *text;
        bool quoted;
};

struct opt {
        char key[128]; /* an option's name, or for "NAME"=N the quoted name */
        bool key_quoted;
        int nvals;
        struct tok *vals; /* comma-separated values */
};

/* A parsed action. Owned strings; free with action_free. */
struct action {
        enum pk_verb verb;
        int npos;
        struct tok *pos;
        int nopts;
        struct opt *opts;
        unsigned flags; /* bit i set: the i-th flag word of the verb was given */
        char *text;     /* the command as written, without comment or surrounding space */
};

void action_free(struct action *a);
/* The value of option key (first value), or NULL if the option was not given. */
const char *action_opt(const struct action *a, const char *key);
const struct opt *action_optv(const struct action *a, const char *key);
bool action_flag(const struct action *a, const char *flag);
/* Looks a verb up by name; returns V__COUNT if unknown. */
enum pk_verb verb_lookup(const char *name);

#endif
