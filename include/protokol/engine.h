/*
 * engine.h - the meeting state machine (pure: no I/O, SQLite, curses, clock or randomness).
 *
 * engine_apply(state, action, time) either accepts the action, changes the state and
 * writes an "ok" message, or refuses it, leaves the state exactly as it was and writes
 * the reason with the profile's citation. Time comes in as an argument (the moment the
 * action was recorded), so replaying the recorded actions rebuilds the same state.
 *
 * Invariants kept by the engine:
 *  - present never exceeds the seats; a disqualified member is neither counted nor votes;
 *  - no ballot is opened without quorum;
 *  - the voting order of SPEC §2 is never violated;
 *  - nothing changes in a signed (locked) meeting.
 */
#ifndef PROTOKOL_ENGINE_H
#define PROTOKOL_ENGINE_H

#include <stdbool.h>

#include "protokol/action.h"
#include "protokol/calendar.h"
#include "protokol/elect.h"
#include "protokol/profile.h"
#include "protokol/util.h"

/*
 * The one word list of each enum. Each row: the id, the word the record, scripts and CSV use
 * (English, never translated), the label shown to people (a msgid, translated where shown),
 * and for roles and subject kinds also a short label (narrow panes) and the Danish word of the
 * Excel-style CSV. The functions after the lists (names.c) read them.
 */
/* X(id, word, label, short label, Danish CSV word) */
#define PK_ROLES(X)                                                                                \
        X(ROLE_MEMBER, "member", N_("member"), NULL, "medlem")                                     \
        X(ROLE_MAYOR, "mayor", N_("mayor"), N_("mayor"), "borgmester")                             \
        X(ROLE_CHAIR, "chair", N_("chair"), N_("chair"), "formand")                                \
        X(ROLE_VICE_CHAIR, "vice-chair", N_("vice-chair"), N_("vice-chair"), "næstformand")        \
        X(ROLE_DEPUTY, "deputy", N_("deputy mayor"), N_("deputy"), "viceborgmester")               \
        X(ROLE_OBSERVER, "observer", N_("observer without a vote"), N_("observer"), "observatør")
/* X(id, word, label, Danish CSV word) */
#define PK_SUBJECT_KINDS(X)                                                                        \
        X(SK_MAIN, "main", N_("main proposal"), "indstilling")                                     \
        X(SK_AMEND, "amendment", N_("amendment"), "ændringsforslag")                               \
        X(SK_SUB, "sub-amendment", N_("sub-amendment"), "underændringsforslag")                    \
        X(SK_PROC, "procedural", N_("procedural proposal"), "formelt forslag")                     \
        X(SK_CLOSURE, "closure", N_("closure of the debate"), "afslutning")                        \
        X(SK_DENY, "deny-floor", N_("denial of the floor"), "fratagelse af ordet")                 \
        X(SK_ORDER, "order", N_("order of items"), "rækkefølge")                                   \
        X(SK_READING, "reading", N_("passing to the 2nd reading"), "behandling")                   \
        X(SK_DISQ, "disqualification", N_("disqualification"), "inhabilitet")
/* X(id, word, label) */
#define PK_SUBJECT_STATUSES(X)                                                                     \
        X(SS_OPEN, "open", N_("open"))                                                             \
        X(SS_ADOPTED, "adopted", N_("adopted"))                                                    \
        X(SS_REJECTED, "rejected", N_("rejected"))                                                 \
        X(SS_LAPSED, "lapsed", N_("lapsed"))
#define PK_ITEM_STATUSES(X)                                                                        \
        X(IS_PENDING, "pending", N_("pending"))                                                    \
        X(IS_DEBATE, "debate", N_("debate"))                                                       \
        X(IS_DECIDED, "decided", N_("decided"))                                                    \
        X(IS_POSTPONED, "postponed", N_("postponed"))                                              \
        X(IS_REFERRED, "referred", N_("referred"))                                                 \
        X(IS_WITHDRAWN, "withdrawn", N_("withdrawn"))
#define PK_MEETING_STATES(X)                                                                       \
        X(MS_PLANNED, "planned", N_("planned"))                                                    \
        X(MS_OPEN, "open", N_("open"))                                                             \
        X(MS_SUSPENDED, "suspended", N_("suspended"))                                              \
        X(MS_CLOSED, "closed", N_("closed"))                                                       \
        X(MS_LOCKED, "locked", N_("signed and locked"))
#define PK_ATT_STATUSES(X)                                                                         \
        X(ATT_UNKNOWN, "unknown", N_("unknown"))                                                   \
        X(ATT_PRESENT, "present", N_("present"))                                                   \
        X(ATT_ABSENT, "absent", N_("absent"))                                                      \
        X(ATT_LEFT, "left", N_("left"))

#define PK_ENUM_ID3(id, w, l) id,
#define PK_ENUM_ID4(id, w, l, d) id,
#define PK_ENUM_ID5(id, w, l, s, d) id,
#define PK_ENUM_ONE3(id, w, l) +1
#define PK_ENUM_ONE4(id, w, l, d) +1
#define PK_ENUM_ONE5(id, w, l, s, d) +1

enum role { PK_ROLES(PK_ENUM_ID5) };
enum { ROLE__COUNT = 0 PK_ROLES(PK_ENUM_ONE5) };

/* A seat beyond the maximum (KKR seed 000 § 3, stk. 9-10): a party whose only member, a mayor,
 * left it appoints a new member from its council members, from the day of the change. */
struct extra_seat {
        char *party;
        pk_day from, until; /* until: the new term's first day, or 0 while the term lasts */
        bool filled;        /* the party's new member is registered */
};

struct body {
        char *name;
        struct profile profile;
        int seats;
        pk_day term; /* the first day of the current term (`term`), or 0 for the first */
        struct extra_seat *extra; /* seats beyond the maximum, of this term and earlier ones */
        int nextra;
};

/* What a member was before a change of the register from a date (`vacancy`, `party`, `term`,
 * a re-registration in a new term): until that day (exclusive) these held. */
struct member_past {
        pk_day until;
        bool holds; /* held a seat of their own */
        char *party;
        enum role role;
        int rank;      /* the place on the substitutes' list then, or 0 */
        int principal; /* a personal substitute's member then, or -1 */
};

struct member {
        char *name;
        char *party;
        enum role role;
        int body;
        int principal;      /* for a personal substitute: the member it stands in for, else -1 */
        char *born, *since; /* optional dates (YYYY-MM-DD) or NULL */
        char *was;          /* the name as first registered, where `correct member` changed it */
        bool holds;         /* holds a seat of their own now (a list substitute does not) */
        int rank;           /* a substitute of the party's list: its place on the list, else 0 */
        pk_day term;        /* the first day of the term the member was (re-)registered in */
        struct member_past *past; /* earlier periods, by increasing until */
        int npast;
};

/* A member's leave with a substitute called in (`on-leave` ... `return`): the substitute holds
 * the member's seat from `from` until `until` (exclusive; 0 while the leave lasts). */
struct seat_leave {
        int body;
        int member;
        int sub;
        pk_day from, until;
};

enum att_status { PK_ATT_STATUSES(PK_ENUM_ID3) };
enum { ATT__COUNT = 0 PK_ATT_STATUSES(PK_ENUM_ONE3) };

/* One member's (or seated substitute's) attendance at one meeting. */
struct attendance {
        enum att_status status;
        char *reason;    /* absence reason or NULL */
        char *arrived;   /* time of a late arrival, or NULL */
        char *left;      /* time of departure, or NULL */
        int seat_of;     /* a seated substitute: the member whose seat it takes, else -1 */
        bool attended;   /* present at some time while the meeting was open */
        int calls;       /* calls to order in this meeting */
        bool denied;     /* denied the floor for the rest of the meeting */
        char *signed_at; /* time of signature, or NULL */
};

enum subject_kind { PK_SUBJECT_KINDS(PK_ENUM_ID4) };
enum { SK__COUNT = 0 PK_SUBJECT_KINDS(PK_ENUM_ONE4) };
enum subject_status { PK_SUBJECT_STATUSES(PK_ENUM_ID3) };
enum { SS__COUNT = 0 PK_SUBJECT_STATUSES(PK_ENUM_ONE3) };

struct subject {
        char id[16];
        enum subject_kind kind;
        enum subject_status status;
        char *text;
        char *by;        /* who tabled it, or NULL */
        int item;        /* item index, or -1 for the meeting */
        int parent;      /* SK_SUB: index of its amendment */
        int room;        /* the item under treatment when it was tabled, or -1 */
        int rank;        /* chair's order among siblings (lower first) */
        int target;      /* SK_DENY: member index */
        char *proc_kind; /* SK_PROC: "refer" or "postpone" */
        int *order;      /* SK_ORDER: the item order voted on */
        int norder;
        bool closed_doors; /* tabled, or put to a ballot, while the doors were closed */
        char *submitted;   /* SK_AMEND/SK_SUB: submitted in writing on (YYYY-MM-DD), or NULL */
        bool consented;    /* ... after the item's deadline, with the council's consent */
        bool announced;    /* ... announced by the chair at the start of a 2nd reading */
};

/* R_DISQUALIFICATION: how a disqualification was decided. DH_LAW: recorded as following from
 * the law; DH_WITHOUT_VOTE: the council's decision taken without a vote; DH_VOTE: the council
 * adopted it in a ballot (an SK_DISQ subject). */
enum disq_how { DH_LAW, DH_WITHOUT_VOTE, DH_VOTE };

enum vote_choice { VC_NONE, VC_FOR, VC_AGAINST, VC_ABSTAIN };

struct ballot {
        int subject; /* index into meeting's subjects */
        int item;    /* item index or -1 */
        int room; /* the item under treatment when it was opened (for disqualifications), or -1 */
        bool open;
        bool named; /* member votes recorded */
        int nfor, nagainst, nabstain;
        enum vote_choice *votes; /* per member index (named ballots), sized nmembers at close */
        int nvotes;
        bool adopted;
        bool tie;
        bool chair_decided;
        char *opened_at;
        bool closed_doors; /* opened or closed while the doors were closed */
};

enum item_status { PK_ITEM_STATUSES(PK_ENUM_ID3) };
enum { IS__COUNT = 0 PK_ITEM_STATUSES(PK_ENUM_ONE3) };
enum item_kind { IK_ORDINARY, IK_BUDGET, IK_BYLAWS };

struct dissent {
        int member;
        char *text;
};

/* A member's written answer in a written hearing: the choice, and the day it came in. */
struct written_answer {
        int member;
        enum vote_choice choice;
        char *on; /* YYYY-MM-DD */
};

struct item {
        int number; /* number on the agenda (stable) */
        char *title;
        bool closed;
        char *public_title;
        char *category;
        int reading; /* 0 single treatment, 1 first reading, 2 second reading */
        char *case_id;
        bool dropped;      /* withdrawn from the agenda before it was taken up (`drop`) */
        bool dropped_late; /* ... after the agenda was sent */
        char *title_was; /* the title as first put on the agenda, where `correct item` changed it */
        enum item_kind kind;
        char *proposer;
        char *submitted;     /* YYYY-MM-DD or NULL */
        bool late_proposal;  /* submitted after the member-proposal deadline */
        char *first_reading; /* date of the first reading (given or found), or NULL */
        enum item_status status;
        bool voting_begun;
        bool debate_closed;
        bool inhabil_set; /* disqualifications recorded */
        bool *inhabil;    /* per member index */
        /* per member index, where inhabil: how it was decided (enum disq_how) */
        unsigned char *inhabil_how;
        int ninhabil;
        int next_disq; /* SK_DISQ subjects tabled under the item */
        int *speakers; /* queue of member indexes */
        int nspeakers;
        int speaker;    /* member with the floor, or -1 */
        char *declared; /* outcome declared beyond doubt */
        bool demanded;  /* a member demanded a vote */
        bool decided_without_vote;
        char *decision;
        char *public_decision;
        char *referred_to;
        char *urgent;       /* reason it could not wait (late agenda) */
        bool closed_during; /* the doors were closed while it was treated */
        struct dissent *dissents;
        /* a written hearing (MK_WRITTEN): the members' written answers, and the result
         * (0: none yet, 1: adopted, 2: not adopted) */
        struct written_answer *answers;
        int nanswers;
        int hearing_result;
        int ndissents;
        int next_amend, next_proc, next_closure;
        char *amend_deadline; /* R_AMEND_DEADLINE: the council's deadline, YYYY-MM-DD, or NULL */
        bool amend_deadline_subs; /* ... which binds sub-amendments too */
        bool debate_begun;        /* someone has had the floor on the item */
        int *sub_counts;          /* per amendment subject index: sub-amendments tabled */
        int nsub_counts;
};

/* An election held under an item (SPEC §5.2): majority by rounds, or proportional. */
struct election {
        char *title;
        int item;
        bool proportional;
        int seats;
        struct elect_majority *maj;    /* majority: candidates, rounds, lots */
        struct elect_outcome out;      /* majority: where it stands */
        struct elect_prop *prop;       /* proportional: groups, waivers, lots */
        struct elect_prop_result *res; /* proportional: the last allocation */
        bool allocated;                /* res is the current allocation */
        bool done;                     /* elected, or every seat filled */
        int *member_group;             /* proportional: the group each member declared for, or -1 */
        int nmember_group;
        char **log; /* what happened, line by line, for the minutes */
        int nlog;
        /* R_ELECTION_PROPOSAL: the candidate the leader proposed to elect without a written
         * ballot (-1: none), and the member who demanded the ballot (-1: none yet) */
        int proposed;
        int demanded_by;
        bool alliances_applied; /* R_ELECTION_PROPORTIONAL: the groups are the alliances' */
};

/* An electoral alliance reported for a KKR's chair and vice-chair election (seed 000 § 4,
 * stk. 2): its name, its parties (party words or list names) and the day it was reported. */
struct meeting_alliance {
        char *name;
        char **parties;
        int nparties;
        char *reported; /* YYYY-MM-DD */
};

/* The summary a signed meeting keeps once a later meeting of its body has opened (it is
 * archived): everything later actions can read of it. */
struct archived {
        char **first_readings; /* case ids treated in a 1st reading */
        int nfirst_readings;
};

enum meeting_state { PK_MEETING_STATES(PK_ENUM_ID3) };
enum { MS__COUNT = 0 PK_MEETING_STATES(PK_ENUM_ONE3) };
/* MK_WRITTEN: a written hearing among the members between meetings (R_WRITTEN_HEARING) */
enum meeting_kind { MK_ORDINARY, MK_EXTRAORDINARY, MK_CONSTITUENT, MK_WRITTEN };

struct ruling {
        int item;
        char *text;
        char *at;
        bool closed_doors; /* given while the doors were closed */
        char *rule; /* the profile rule it interprets (a section name such as "closure"), or NULL */
};

/* The council's decision on a ruling of the chair (seeds 003/004 § 15), recorded in the
 * meeting where it was taken; the ruling may be one of an earlier meeting of the body. */
struct ruling_decision {
        int meeting; /* index of the ruling's meeting */
        int ruling;  /* its number there, 1-based */
        bool upheld;
        char *text; /* the council's wording, or NULL */
        char *at;
};

struct meeting {
        int body;
        pk_day date;
        int minute; /* minutes after midnight */
        enum meeting_kind kind;
        bool virtual_;
        char *place;
        enum meeting_state state;
        bool doors_closed;
        char *dispatched; /* YYYY-MM-DD or NULL */
        bool dispatch_late;
        char *opened_at, *closed_at, *locked_at;
        struct item *items;
        int nitems;
        int *order;        /* item indexes in treatment order */
        int *agenda_order; /* the order as first set (restored when an order vote fails) */
        int current;       /* item index under treatment, or -1 */
        int last_item;     /* item most recently ended, or -1 */
        struct subject *subjects;
        int nsubjects;
        struct ballot *ballots;
        int nballots;
        int open_ballot;        /* index or -1 */
        struct attendance *att; /* per member index */
        int natt;
        struct ruling *rulings;
        int nrulings;
        struct ruling_decision *ruling_decisions;
        int nruling_decisions;
        struct election *elections;
        int nelections;
        int next_deny, next_order;
        /* R_LEADER (seed 000 § 5, stk. 7): the member the meeting elected to lead it in the
         * absence of the chair and the vice-chair (`acting-chair`), as member index + 1; 0:
         * none */
        int acting_chair;
        /* R_ELECTION_ALLIANCES: the electoral alliances reported for this (constituent) meeting */
        struct meeting_alliance *alliances;
        int nalliances;
        char *hearing_deadline; /* MK_WRITTEN: the last day for answers, YYYY-MM-DD */
        /* R_MEETING_DEMAND: the members at whose demand the meeting was convened */
        int *demanded_by;
        int ndemanded_by;
        /* the floor on the agenda at the start of the meeting, before the first item is taken
         * (R_AGENDA_FLOOR): the queue of member indexes and who has the floor (-1: no one) */
        int *agenda_speakers;
        int nagenda_speakers;
        int agenda_speaker;
        bool archived; /* signed, and a later meeting of the body has opened (see archive.c) */
        struct archived arch; /* what an archived meeting keeps (also while details are kept) */
        bool hole; /* a place kept during an open for a meeting whose creation is replayed later */
        bool summary_only; /* archived, and only its header and summary are in the state */
};

/*
 * A unit of the read model: the derived rows (rows.h) that one key of the state gives. The
 * engine names the units it changed in every accepted action (its touched-set); the action
 * layer renders exactly those from the state and replaces their rows, so nothing is diffed
 * and nothing is guessed. The keys are the tables' own (member name, item number, ...), so
 * a unit stays meaningful when the state no longer holds it (it is then deleted).
 */
enum dt_unit_kind {
        DU_MEMBER,   /* members row: k1 body name, k2 member name */
        DU_MEETING,  /* meetings row of meeting (id) */
        DU_ITEM,     /* items row: meeting, num = item number */
        DU_OUTCOME,  /* decisions row and dissents rows of item num */
        DU_SUBJECT,  /* subjects row: meeting, num = item number (0 for the meeting), k1 = id */
        DU_BALLOT,   /* ballots row and its member_votes rows: meeting, num = ballot number */
        DU_ATTEND,   /* attendance and signatures rows: meeting, k1 = member name */
        DU_RULING,   /* rulings row: meeting, num = ruling number */
        DU_ELECTION, /* elections row: meeting, num = election number */
        DU__COUNT
};

struct dt_unit {
        enum dt_unit_kind kind;
        long meeting; /* meeting id (index + 1), 0 for member units */
        long num;
        char *k1, *k2; /* owned */
};

/* The units one action changed; recorded only while track is set (live actions). */
struct pk_touched {
        struct dt_unit *u;
        int n, cap;
        bool track;
};

struct pk_state {
        struct body *bodies;
        int nbodies;
        struct member *members;
        int nmembers;
        struct meeting *meetings;
        int nmeetings;
        struct seat_leave *leaves;
        int nleaves;
        int cur_body;              /* -1 if none */
        int cur_meeting;           /* -1 if none */
        struct pk_touched touched; /* what the last accepted action changed */
        int event_meeting; /* the meeting (id) the last accepted action belongs to, 0: the body */
        bool keep_detail;  /* archiving keeps a meeting's details (exports, verify) */
        struct sb archive; /* the last action archived meetings: their summaries (text) */
};

/* Result of applying an action. */
enum pk_result { PK_OK = 0, PK_DENIED = 1, PK_ERROR = 2 };

/* The seats of body: the profile's number, or where it gives none the members registered
 * (substitutes not counted). Quorum and every "N of SEATS" count on it. */
int engine_body_seats(const struct pk_state *s, int body);
struct pk_state *engine_new(void);
void engine_free(struct pk_state **s);

/*
 * A profile is needed for a `body` action that names one: the caller (which may do I/O)
 * loads it and passes it in. For all other actions profile may be NULL.
 */
struct engine_input {
        const struct action *action;
        const char *time; /* ISO 8601 local time the action is recorded, "YYYY-MM-DDTHH:MM:SS" */
        const struct profile *profile; /* for V_BODY with profile=; else NULL */
        /* a replay of a recorded event: the meeting (id) it was recorded with, whose choice a
         * `body` selection repeats instead of choosing again */
        bool replay;
        int recorded_meeting;
};

/* The engine's answer to one action. Zero-initialise; free with pk_reply_free. */
struct pk_reply {
        enum pk_result result;
        /* refused (PK_DENIED) under a rule of the profile: that rule, and its citation in the
         * body's profile ("" where it has none); otherwise R__COUNT and "" */
        enum rule_id rule;
        char cite[48];
        /* accepted: the ok text (without "ok: "); refused or an error: the reason, without the
         * citation (pk_reply_render adds it) */
        struct sb msg;
        /* accepted: the units of the read model the action changed (the state's set) */
        const struct pk_touched *touched;
};
void pk_reply_free(struct pk_reply *r);
/* The reply as one text: the message, and after a refusal its citation, "… (§ 4, stk. 1)". */
void pk_reply_render(const struct pk_reply *r, struct sb *out);
/* The citation of rule in p into out ("" where the rule has none). */
void pk_rule_cite(const struct profile *p, enum rule_id rule, char *out, size_t n);

/*
 * Applies an action. On PK_OK the state is changed; on PK_DENIED or PK_ERROR it is unchanged.
 * The reply says which, why, and under which rule (see struct pk_reply).
 * Query verbs (status, allowed) and undo are not handled here (see engine_status,
 * engine_allowed and the action layer).
 */
enum pk_result engine_apply(struct pk_state *s, const struct engine_input *in,
                            struct pk_reply *out);

/* Writes the status lines of SPEC §5.3 for the current meeting. */
void engine_status(const struct pk_state *s, struct sb *out);

/* What one verb may do now: allowed, or refused with the reason and the rule it rests on. */
struct pk_verdict {
        bool allowed;
        enum rule_id rule; /* refused under a rule of the profile: that rule; else R__COUNT */
        char cite[48];     /* that rule's citation, "" where none */
        char *why;         /* refused: the reason, without the citation (owned) */
};
/* The verdict of every verb that changes the record (entries of the others: allowed). */
void engine_allowed_set(const struct pk_state *s, struct pk_verdict out[V__COUNT]);
void engine_verdicts_free(struct pk_verdict v[V__COUNT]);

/*
 * Writes the `allowed` list from engine_allowed_set: one line per verb, "allowed: VERB" or
 * "denied: VERB: reason (§ N, stk. M)". paraphrases: when true, a line refused under a rule
 * is followed by the profile's paraphrase of that rule.
 */
void engine_allowed(const struct pk_state *s, bool paraphrases, struct sb *out);

/*
 * The names among which a lot is due now (in the election under way), or 0 when none is.
 * names[] points into the state.
 */
int engine_lot_pending(const struct pk_state *s, const char **names, int max);

/* The item `take` would accept first in the treatment order (the council's voted order, closed
 * items after the open ones where the profile says so), or -1 when none is pending. */
int engine_next_item(const struct pk_state *s, const struct meeting *m);

/* Helpers shared with the exports and the UI. */
const struct meeting *engine_current_meeting(const struct pk_state *s);
const struct body *engine_body_of(const struct pk_state *s, const struct meeting *m);
int engine_present(const struct pk_state *s, const struct meeting *m); /* counted for quorum */
int engine_quorum_need(const struct pk_state *s, const struct meeting *m);
const char *engine_subject_kind_name(enum subject_kind k);
/* Index of the subject the next `ballot` would open, or -1 (with reason in *why). */
int engine_next_subject(const struct pk_state *s, const struct meeting *m, struct sb *why);
const char *engine_item_status_name(enum item_status st);
/* The open subjects in the order they will be voted (an open ballot's subject first): the
 * voting order of SPEC §2 as the engine applies it. Writes up to max indexes; returns how
 * many. */
int engine_voting_order(const struct pk_state *s, const struct meeting *m, int *out, int max);
/* A member (or seated substitute) in the room: present, holding a seat. */
bool engine_seated(const struct pk_state *s, const struct meeting *m, int member);
/* May member vote in ballot b (NULL: a ballot opened now)? Seated and not disqualified for
 * the item under treatment when it was opened. */
bool engine_may_vote(const struct pk_state *s, const struct meeting *m, const struct ballot *b,
                     int member);
const char *engine_meeting_state_name(enum meeting_state st);
/* The words of the enums (names.c, from the lists at the top): word: the record's and scripts'
 * word; name/label: translated for people; da: the Danish word of the Excel-style CSV. */
const char *engine_role_word(enum role r);
const char *engine_role_label(enum role r);
const char *engine_role_short(enum role r); /* NULL for a plain member */
const char *engine_role_da(enum role r);
/* The role whose word (or, with da, whose Danish word) is w, ignoring case; -1 if none. */
int engine_role_parse(const char *w, bool da);
const char *engine_subject_kind_word(enum subject_kind k);
const char *engine_subject_kind_da(enum subject_kind k);
const char *engine_subject_status_word(enum subject_status st);
const char *engine_item_status_word(enum item_status st);
const char *engine_meeting_state_word(enum meeting_state st);
const char *engine_att_word(enum att_status st);
/* ---------- the register over time (state.c) ---------- */
/* Member k's party, role, and own seat on day d (their past periods, else now). */
const char *engine_party_at(const struct pk_state *s, int k, pk_day d);
enum role engine_role_at(const struct pk_state *s, int k, pk_day d);
/* For a personal substitute: the member it stood in for on day d, else -1. */
int engine_principal_at(const struct pk_state *s, int k, pk_day d);
bool engine_own_seat_at(const struct pk_state *s, int k, pk_day d);
int engine_rank_at(const struct pk_state *s, int k, pk_day d);
/* The leave of member k on day d (index into s->leaves), or -1. */
int engine_leave_at(const struct pk_state *s, int k, pk_day d);
/* The leave under which k holds another member's seat on day d, or -1. */
int engine_leave_sub_at(const struct pk_state *s, int k, pk_day d);
/* May k take a seat on day d: their own (not on leave), or one held for a member on leave. */
bool engine_sits_at(const struct pk_state *s, int k, pk_day d);
/* The body's seats on day d (its seats=, else the members holding a seat then). */
int engine_seats_at(const struct pk_state *s, int body, pk_day d);

/* The roles that lead a meeting under the body's rules (R_LEADER), the first in line first. */
void engine_leader_roles(const struct profile *p, enum role out[4]);
/* Who led meeting m: the first in the leader's line who attended it, or -1. */
int engine_meeting_leader(const struct pk_state *s, const struct meeting *m);
/* The convener of a constituent meeting of body (seed 000 § 4, stk. 1, R_LEADER): among its
 * members registered with since= (mayor since), the one who has been mayor longest, the
 * eldest (born=) of those equal. Returns the member index, or -1: none has since=, or several
 * are equal in both (*ntied > 1; tied, sized s->nmembers, names them). */
int engine_convener(const struct pk_state *s, int body, int *tied, int *ntied);
/* The answer to `convener`: who convenes the body's constituent meeting, and why. */
void engine_convener_text(const struct pk_state *s, struct sb *out);

/* Would member name's signature lock meeting mi (closed, every other attendee signed, or the
 * chair where the chair alone approves)? For checking that an undo never unlocks a meeting. */
bool engine_sign_would_lock(const struct pk_state *s, int mi, const char *name);

/* Whether an action of meeting mi (0-based, -1 none) may be undone: PK_OK, or PK_DENIED
 * with rep's rule (R_SIGNING), citation and reason when that meeting is signed and locked.
 * sign_by: the action is NAME's signature, left out of s (a replay); refused where it
 * locked the meeting. rep->msg is the caller's (pk_reply_free). */
enum pk_result engine_undo_check(const struct pk_state *s, int mi, const char *sign_by,
                                 struct pk_reply *rep);

/* ---------- touched-sets (touched.c) ---------- */

/* Empties s->touched (keeping track as it is). */
void engine_touched_clear(struct pk_state *s);
/* Sorts s->touched and drops repeated units. */
void engine_touched_unique(struct pk_state *s);
void dt_unit_free(struct dt_unit *u);

/* ---------- archived meetings (archive.c) ---------- */

/*
 * When a meeting opens, the signed meetings of its body that are not yet archived become
 * archived: they keep their header and the summary later actions read (struct archived),
 * and their details are freed unless s->keep_detail. engine_apply writes the summaries of
 * the meetings an action archived into s->archive (empty when none): the action layer
 * records that text with the event, and a later open restores the archived meetings from
 * it instead of replaying their events, so opening costs the same with years behind it.
 */
void eng_archive_body(struct pk_state *s, int body, int except);
/*
 * Restores the archived meetings described by text (one or more s->archive texts). Meetings
 * are placed at their ids; places below the highest id that the text does not describe
 * become holes, filled in order by the meeting creations replayed afterwards. Returns 0, or
 * -1 with a message in err when the text does not read.
 */
int engine_restore_archive(struct pk_state *s, const char *text, struct sb *err);
/* True when the state holds holes (a creation the open expected was not replayed). */
bool engine_has_holes(const struct pk_state *s);
/*
 * The first reading of case_id in another meeting of the current body, as the engine finds it
 * now: its date and minute. The action layer records what was found in the `item` line
 * (first-reading=, first-reading-time=), so a replay does not depend on what else is loaded.
 */
bool engine_find_first_reading(const struct pk_state *s, const char *case_id, pk_day *day,
                               int *minute);
/*
 * Whether a public export may show a subject, a ballot or a ruling of meeting m. Nothing
 * that happened while the doors were closed is public (the engine records the doors at the
 * moment of each event), nor anything of an item treated behind closed doors, nor what was
 * tabled or voted while such an item was under treatment. In a body whose meetings are not
 * public (KKR) the doors are always closed and the minutes are published all the same: there
 * only closed items (and what happened while one was treated) are left out.
 */
bool engine_public_subject(const struct pk_state *s, const struct meeting *m,
                           const struct subject *sj);
bool engine_public_ballot(const struct pk_state *s, const struct meeting *m,
                          const struct ballot *b);
bool engine_public_ruling(const struct pk_state *s, const struct meeting *m,
                          const struct ruling *r);

#endif
