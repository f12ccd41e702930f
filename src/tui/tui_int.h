/*
 * tui_int.h - what the terminal UI's files share: the UI context, the pane interface,
 * the actions and key bindings, and the drawing helpers. Private to src/tui/.
 *
 * Invariants: the UI never changes engine state; it reads app_state() and sends script
 * lines through tui_exec(). Drawing happens only in the main loop's redraw step; key
 * handlers return flags and never draw.
 */
#ifndef PROTOKOL_TUI_INT_H
#define PROTOKOL_TUI_INT_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <wchar.h>

#include "protokol/app.h"
#include "protokol/deadlines.h"
#include "protokol/engine.h"
#include "protokol/script.h"
#include "protokol/util.h"

/* ---------- actions (what a key does) ---------- */

/*
 * X(id, name, verb, help): every action the UI has. name is what a key binding file
 * uses; verb is the script verb the action performs (V__COUNT for a UI-only action),
 * used to show only the keys that work now.
 */
#define TUI_ACTIONS(X)                                                                             \
        X(TA_NONE, "none", V__COUNT, "")                                                           \
        X(TA_QUIT, "quit", V__COUNT, N_("quit (everything is already saved)"))                     \
        X(TA_HELP, "help", V__COUNT, N_("help: keys and script verbs"))                            \
        X(TA_RULINGS, "rulings", V__COUNT, N_("rulings: what is allowed now, and why not"))        \
        X(TA_DEADLINES, "deadlines", V__COUNT,                                                     \
          N_("deadlines: the planned meetings' deadlines, with the rule"))                         \
        X(TA_COMMAND, "command", V__COUNT, N_("command line: type any script line"))               \
        X(TA_ARCHIVE, "archive", V__COUNT, N_("archive: every meeting of the body, to open one"))  \
        X(TA_SEARCH, "search", V__COUNT, N_("search every meeting, and jump to a hit"))            \
        X(TA_UNDO, "undo", V_UNDO, N_("undo the last action (asks first)"))                        \
        X(TA_FOCUS_NEXT, "focus-next", V__COUNT, N_("next pane"))                                  \
        X(TA_FOCUS_PREV, "focus-prev", V__COUNT, N_("previous pane"))                              \
        X(TA_REDRAW, "redraw", V__COUNT, N_("redraw the screen"))                                  \
        X(TA_UP, "up", V__COUNT, N_("move up"))                                                    \
        X(TA_DOWN, "down", V__COUNT, N_("move down"))                                              \
        X(TA_PGUP, "page-up", V__COUNT, N_("page up"))                                             \
        X(TA_PGDN, "page-down", V__COUNT, N_("page down"))                                         \
        X(TA_HOME, "home", V__COUNT, N_("first row"))                                              \
        X(TA_END, "end", V__COUNT, N_("last row"))                                                 \
        X(TA_SELECT, "select", V__COUNT, N_("act on the selected row"))                            \
        X(TA_CANCEL, "cancel", V__COUNT, N_("back, or cancel"))                                    \
        X(TA_TAKE, "take", V_TAKE, N_("take an item (the next one is proposed)"))                  \
        X(TA_DONE, "done", V_DONE, N_("the current item is finished"))                             \
        X(TA_POSTPONE, "postpone", V_POSTPONE, N_("postpone the current item"))                    \
        X(TA_MOTION, "motion", V_MOTION, N_("table the main proposal"))                            \
        X(TA_AMEND, "amend", V_AMEND, N_("table an amendment"))                                    \
        X(TA_SUBAMEND, "sub-amend", V_AMEND,                                                       \
          N_("table a sub-amendment to the selected (or last) amendment"))                         \
        X(TA_PROCEDURAL, "procedural", V_PROCEDURAL, N_("table a procedural proposal"))            \
        X(TA_VOTE, "vote", V_BALLOT, N_("named vote: open the ballot on the next subject"))        \
        X(TA_BALLOT, "ballot", V_BALLOT, N_("open the ballot on the selected subject"))            \
        X(TA_SPEAKER, "speaker", V_SPEAKER, N_("a member asks for the floor"))                     \
        X(TA_NEXT, "next", V_NEXT, N_("the next speaker gets the floor"))                          \
        X(TA_ARRIVE, "arrive", V_ARRIVE, N_("a member arrives"))                                   \
        X(TA_LEAVE, "leave", V_LEAVE, N_("a member leaves"))                                       \
        X(TA_INHABIL, "inhabil", V_INHABIL, N_("a member is disqualified for this item"))          \
        X(TA_CALL, "call-to-order", V_CALL_TO_ORDER, N_("call a member to order"))                 \
        X(TA_DENY, "deny-floor", V_DENY_FLOOR, N_("propose denying a member the floor"))           \
        X(TA_DEMAND, "demand", V_DEMAND, N_("a member demands a vote"))                            \
        X(TA_CLOSURE, "closure", V_CLOSURE, N_("propose closing the debate"))                      \
        X(TA_DECLARE, "declare", V_DECLARE, N_("the chair declares an outcome beyond doubt"))      \
        X(TA_DECIDE, "decide", V_DECIDE, N_("decided without a vote"))                             \
        X(TA_DECISION, "decision", V_DECISION, N_("record the decision's wording"))                \
        X(TA_DOORS, "doors", V_DOORS, N_("close or open the doors"))                               \
        X(TA_RULING, "ruling", V_RULING, N_("record a ruling of the chair"))                       \
        X(TA_OPEN, "open", V_OPEN,                                                                 \
          N_("open the meeting (asks first on another day than its date)"))                        \
        X(TA_CLOSE, "close", V_CLOSE, N_("close the meeting (asks first if items are untreated)")) \
        X(TA_PRESENT_ALL, "present-all", V_PRESENT,                                                \
          N_("every member not recorded absent is present (asks first)"))                          \
        X(TA_ABSENT, "absent", V_ABSENT, N_("a member is absent (asks the reason)"))               \
        X(TA_DISSENT, "dissent", V_DISSENT, N_("record a member's dissent (asks the text)"))       \
        X(TA_SUBSTITUTE, "substitute", V_SUBSTITUTE,                                               \
          N_("the member's personal substitute takes the seat"))                                   \
        X(TA_SIGN, "sign", V_SIGN, N_("the signing sheet: who attended, who has signed"))          \
        X(TA_SIGN_ALL, "sign-all", V__COUNT, N_("all who attended sign (asks first)"))             \
        X(TA_ELECTION, "election", V_ELECTION, N_("start an election (the command line)"))         \
        X(TA_CANDIDATE, "candidate", V_CANDIDATE, N_("a candidate (the command line)"))            \
        X(TA_ROUND, "round", V_ROUND, N_("the votes of a round (the command line)"))               \
        X(TA_ALLOCATE, "allocate", V_ALLOCATE, N_("share the seats of the election"))              \
        X(TA_LOT, "lot", V_LOT, N_("draw the lot the rules require"))                              \
        X(TA_MESSAGES, "messages", V__COUNT, N_("the last messages, whole"))                       \
        X(TA_READ, "read-protocol", V__COUNT,                                                      \
          N_("the whole protocol, paged, for reading aloud (after close)"))                        \
        X(TA_V_FOR, "vote-for", V__COUNT, N_("the selected party or member votes for"))            \
        X(TA_V_AGAINST, "vote-against", V__COUNT,                                                  \
          N_("the selected party or member votes against"))                                        \
        X(TA_V_ABSTAIN, "vote-abstain", V__COUNT, N_("the selected party or member abstains"))     \
        X(TA_V_CYCLE, "vote-cycle", V__COUNT, N_("cycle the selected row: for, against, abstain")) \
        X(TA_V_CLEAR, "vote-clear", V__COUNT, N_("clear the selected row's vote"))                 \
        X(TA_V_REST_FOR, "rest-for", V__COUNT, N_("everyone not yet set votes for"))               \
        X(TA_V_REST_AGAINST, "rest-against", V__COUNT, N_("everyone not yet set votes against"))   \
        X(TA_V_REST_ABSTAIN, "rest-abstain", V__COUNT, N_("everyone not yet set abstains"))        \
        X(TA_V_COUNTS, "vote-counts", V__COUNT, N_("record counts instead of names"))              \
        X(TA_V_PARTY1, "party-1", V__COUNT, N_("cycle party 1: for, against, abstain"))            \
        X(TA_V_PARTY2, "party-2", V__COUNT, N_("cycle party 2"))                                   \
        X(TA_V_PARTY3, "party-3", V__COUNT, N_("cycle party 3"))                                   \
        X(TA_V_PARTY4, "party-4", V__COUNT, N_("cycle party 4"))                                   \
        X(TA_V_PARTY5, "party-5", V__COUNT, N_("cycle party 5"))                                   \
        X(TA_V_PARTY6, "party-6", V__COUNT, N_("cycle party 6"))                                   \
        X(TA_V_PARTY7, "party-7", V__COUNT, N_("cycle party 7"))                                   \
        X(TA_V_PARTY8, "party-8", V__COUNT, N_("cycle party 8"))                                   \
        X(TA_V_PARTY9, "party-9", V__COUNT, N_("cycle party 9"))

enum tui_action {
#define X(id, name, verb, help) id,
        TUI_ACTIONS(X)
#undef X
            TA__COUNT
};

struct tui_action_info {
        const char *name;
        enum pk_verb verb;
        const char *help;
};
extern const struct tui_action_info tui_actions[TA__COUNT];
/* An action's word on the key bar, in the UI's language. */
const char *tui_action_label(enum tui_action a);

/* ---------- keys ---------- */

/* A key: a character (its code point) or a curses function key (TK_FN | KEY_...). */
#define TK_FN 0x40000000
#define TK_ENTER '\n'
#define TK_ESC 27
#define TK_TAB '\t'

/* Pseudo-keys of the test seam, handled by the main loop. */
enum seam_cmd { SEAM_KEY, SEAM_RESIZE, SEAM_DUMP, SEAM_EOF };

struct binding {
        char pane[16]; /* pane name or "global" */
        int key;
        enum tui_action action;
};

/* The binding table: defaults, then the user's file ($XDG_CONFIG_HOME/protokol/keys). */
void keys_init(void);
void keys_free(void);
/* The action bound to key in pane (then globally); TA_NONE if none. */
enum tui_action keys_lookup(const char *pane, int key);
/* The action bound to key in pane only. */
enum tui_action keys_lookup_pane(const char *pane, int key);
/* The first key bound to action in pane (or globally if pane is NULL); 0 if none. */
int keys_for(const char *pane, enum tui_action a);
const struct binding *keys_table(int *n);
/* Parses "q", "æ", "<Enter>", "<C-l>", "<F1>" into a key; 0 if not a key. */
int keys_parse(const char *s);
/* Writes a key's name ("q", "Enter", "C-l", ...) into buf. */
void keys_name(int key, char *buf, size_t n);
/* Reads a file's key lines (the test seam): fills *key or the seam command's argument. */
enum seam_cmd keys_seam_next(FILE *f, int *key, int *w, int *h, char *arg, size_t n);

/* ---------- colours and drawing ---------- */

enum tui_color {
        TC_NORMAL,
        TC_HEADER,
        TC_TITLE,
        TC_TITLE_FOCUS,
        TC_CURSOR,
        TC_OK,
        TC_DENIED,
        TC_DIM,
        TC_WARN,
        TC_FOR,
        TC_AGAINST,
        TC_ABSTAIN,
        TC_KEY,
        TC__COUNT
};

void tui_colors_init(bool use_colors);
attr_t tui_attr(enum tui_color c);
/*
 * Text is UTF-8 whatever the locale. tui_utf8 is true when the locale is UTF-8 (set by
 * tui_locale_init); otherwise what the locale's character set lacks is drawn as an ASCII
 * stand-in (æ as ae, § as par.) or '?', and widths are those of what is drawn.
 */
extern bool tui_utf8;
void tui_locale_init(void);
/* One character of s (len > 0 bytes): its code point in *cp (U+FFFD for a bad byte); bytes. */
size_t tui_u8_decode(const char *s, size_t len, uint32_t *cp);
/* Code point c as UTF-8 into out; the bytes written (1..4). */
size_t tui_u8_encode(uint32_t c, char out[4]);
/* UTF-8 into at most cap wide characters (NUL-terminated when there is room); the count. */
int tui_u8_to_wcs(const char *s, wchar_t *out, int cap);
/* n wide characters (code points) into NUL-terminated UTF-8, cut to fit cap bytes. */
void tui_wcs_to_u8(const wchar_t *w, int n, char *out, size_t cap);
/* Columns that character c takes as drawn in this locale. */
int tui_cwidth(wchar_t c);
/* Terminal columns of a UTF-8 string as drawn (wcwidth of each character). */
int tui_width(const char *s);
/*
 * Draws UTF-8 text at (y, x) in at most maxw columns, cutting it with "…" when it does
 * not fit. Returns the columns drawn.
 */
int tui_put(WINDOW *w, int y, int x, const char *s, int maxw, attr_t attr);
/*
 * Word-wraps s to width columns, calling add(ctx, line) for each line (a line is at
 * most width columns; a word longer than the width is cut).
 */
void tui_wrap(const char *s, int width, void (*add)(void *ctx, const char *line), void *ctx);

/* ---------- panes ---------- */

enum pane_id {
        P_AGENDA,
        P_ATTEND,
        P_ITEM,
        P_PROTOCOL,
        P_VOTE,
        P_RULINGS,
        P_HELP,
        P_DEADLINES,
        P_SIGN,
        P_ARCHIVE,
        P_SEARCH,
        P__COUNT
};

/* A row of a list pane: left text, an optional right-aligned part, a payload. */
struct row {
        char *left, *right;
        enum tui_color lcolor, rcolor;
        bool selectable;
        int payload;
};
struct rows {
        struct row *v;
        int n, cap;
};
void rows_add(struct rows *r, const char *left, const char *right, enum tui_color lc,
              enum tui_color rc, bool selectable, int payload);
void rows_clear(struct rows *r);

struct tui;
struct pane;

/* Flags a key handler returns. */
enum { TH_UNHANDLED = 0, TH_HANDLED = 1, TH_REDRAW = 2 };

struct pane_ops {
        const char *name;  /* in key bindings: "agenda", "attendance", ... */
        const char *title; /* N_() */
        /* Fills the rows to show (the main loop draws them, with cursor and scrolling). */
        void (*build)(struct tui *t, struct pane *p, struct rows *out);
        /* Handles an action meant for this pane; returns TH_* flags. May be NULL. */
        unsigned (*key)(struct tui *t, struct pane *p, enum tui_action a);
        /* Title text shown instead of the static title (into buf), or NULL. */
        void (*title_text)(struct tui *t, struct pane *p, char *buf, size_t n);
        bool cursor;       /* has a selection cursor (else scrolls only) */
        bool stick_bottom; /* shows the newest rows at the bottom */
};

struct pane {
        const struct pane_ops *ops;
        WINDOW *win;
        int y, x, h, w;
        bool visible;
        bool sep;       /* draws a separator in its last column */
        int cursor;     /* row index, or -1 */
        int top;        /* first row shown */
        bool at_bottom; /* follows new rows (stick_bottom panes) */
        struct rows rows;
};

extern const struct pane_ops pane_agenda_ops, pane_attend_ops, pane_item_ops, pane_protocol_ops,
    pane_vote_ops, pane_rulings_ops, pane_help_ops, pane_deadlines_ops, pane_sign_ops,
    pane_archive_ops, pane_search_ops;

/* ---------- the UI context ---------- */

/* A view that takes the whole body of the screen. */
enum overlay { OV_NONE, OV_RULINGS, OV_HELP, OV_DEADLINES, OV_SIGN, OV_ARCHIVE, OV_SEARCH };
/* The pane that shows overlay o (o != OV_NONE). */
enum pane_id tui_overlay_pane(enum overlay o);
enum msg_kind { MK_INFO, MK_OK, MK_DENIED, MK_ERROR };

struct prompt {
        bool active;
        char label[128];
        wchar_t buf[1024];
        int len, pos;
        /* called with the UTF-8 text when Enter is pressed */
        void (*done)(struct tui *t, const char *text);
        char ctx[4200]; /* what the callback needs besides the text */
        bool yesno;     /* a y/n question: one key answers */
        int hist;       /* the command line: the history entry shown (nhist: none) */
        bool names;     /* the text is a member's name: Tab completes it */
};

struct log_line {
        char at[6]; /* HH:MM */
        char *text;
        bool retracted;
        bool correction;
};

struct vote_draft {
        int ballot;               /* ballot index the draft is for, or -1 */
        int subject;              /* and its subject (an index is reused after an undo) */
        enum vote_choice *choice; /* per member index */
        bool *exc;                /* per member index: set on the member, not by the party */
        int n;
        bool warned;  /* Enter pressed once with members not set */
        bool summary; /* the summary is shown: Enter again records */
        bool fresh;   /* just opened: the cursor goes to the first member */
};

struct tui {
        struct app *app;
        const char *db;
        bool follow;
        bool quit;
        bool need_layout; /* set on resize; the loop re-lays-out before drawing */
        bool too_small;
        bool colors;
        struct pane panes[P__COUNT];
        enum pane_id focus;
        enum overlay overlay;
        bool vote_mode;
        enum tui_action pick; /* a member action waiting for a member to be picked */
        enum pane_id pick_from;
        struct prompt prompt;
        char msg[1024];
        int msg_cite; /* where the citation " (§ …)" of a refusal begins in msg, or -1 */
        enum msg_kind msg_kind;
        char reply_text[1024];   /* the last reply's message alone (no prefix, no citation) */
        enum rule_id reply_rule; /* the rule the last refusal rested on, R__COUNT: none */
        char *msgs[50];          /* the last messages, oldest first (M shows them) */
        int nmsgs;
        char find[64];   /* what was typed in a member picker (type-to-find) */
        char *hist[100]; /* the command line's history, oldest first */
        int nhist;
        bool public_view; /* --follow --public: only what the public minutes show */
        char *text_view;  /* multi-line output of a command, shown in the help pane */
        char text_title[64];
        struct log_line *log;
        int nlog;
        struct vote_draft vote;
        bool allowed[V__COUNT];
        WINDOW *hdr, *msgw, *keysw;
        bool raw_bytes; /* the locale is ASCII: keys are read as bytes, UTF-8 put together here */
        bool archive;   /* a past meeting is shown read-only (pane_archive.c) */
        struct tui_archive *arc; /* the archive's and the search's own state, or NULL */
        /* the test seam */
        FILE *seam;
        SCREEN *screen;
        FILE *seam_out, *seam_in;
};

/* tui.c: the loop's services to the panes */
/* Executes a script line through the action layer; shows the result. Returns the result. */
enum app_result tui_exec(struct tui *t, const char *line);
void tui_message(struct tui *t, enum msg_kind k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const struct meeting *tui_meeting(const struct tui *t);
/* The body whose members are shown: the current meeting's, else the current body; -1. */
int tui_body(const struct tui *t);
void tui_prompt(struct tui *t, const char *label, const char *init,
                void (*done)(struct tui *t, const char *text), const char *ctx);
/* Asks a y/n question; done is called on y. */
void tui_ask(struct tui *t, const char *question, void (*done)(struct tui *t, const char *text),
             const char *ctx);
/*
 * The keys of the verbs a refusal's advice names (after its last ": "), built from the key
 * table, as " (d done, P postpone)" appended to out; nothing if none has a key.
 */
/* The keys of the verbs an advice names ("… use take N"), as " (KEY verb, …)". */
void tui_key_hints(const char *advice, struct sb *out);
/*
 * Type-to-find in a member list (pane p, rows whose payload is a member): a letter (upper
 * case too if upper_too) adds to what was typed and puts the cursor on the first member a
 * word of whose name starts with it (case and accents aside); Backspace takes one back.
 * Returns false if the key is not for finding.
 */
bool tui_find_key(struct tui *t, struct pane *p, int key, bool upper_too);
/* Starts a member action: on the attendance cursor's member, or asks to pick one. */
void tui_member_action(struct tui *t, enum tui_action a);
/* The member under the attendance pane's cursor, or -1. */
int tui_cursor_member(struct tui *t);
void tui_vote_begin(struct tui *t);
void tui_vote_end(struct tui *t);
/* Forgets the vote draft: the next ballot opens clean. */
void tui_vote_reset(struct tui *t);
/* Whether Enter shows the summary before recording (PROTOKOL_VOTE_SUMMARY=off: not). */
bool tui_vote_summary_on(void);
/*
 * The members who vote otherwise than most of their party, as "Name (P) against, ...",
 * appended to out; returns how many.
 */
int tui_vote_deviators(const struct pk_state *s, const struct meeting *m, const struct ballot *b,
                       const enum vote_choice *choice, struct sb *out);
/* Reloads the protocol pane from the record (on start and when the record changed). */
void tui_log_reload(struct tui *t);
/* session.c: the message for a follower's refused change */
void tui_read_only(struct tui *t);
/* session.c: which verbs are allowed now (the engine's verdicts) */
void tui_refresh_allowed(struct tui *t);
/* session.c: empties the log of actions */
void tui_log_clear(struct tui *t);
/* session.c: whether a member's name or one of its words starts with find (folded) */
bool tui_find_match(const char *name, const char *find);
void tui_log_add(struct tui *t, const char *text);
/* Today: PROTOKOL_NOW's date when set (YYYY-MM-DDTHH:MM:SS), else the clock's. */
pk_day tui_today(void);

/* pane_agenda.c: the deadlines of the body's planned and open meetings */
struct tui_deadline {
        pk_day day;
        enum deadline_key key;
        enum rule_id rule;
        int meeting; /* index in the state's meetings */
};
/*
 * The deadlines (deadlines_for_meeting) of every planned or open meeting of body, by day
 * (then meeting, then key). Returns the count; *out is allocated (free it), NULL if none.
 */
int tui_deadlines(const struct pk_state *s, int body, struct tui_deadline **out);
/* Whether body has a deadline on or after today. */
bool tui_deadline_ahead(const struct pk_state *s, int body, pk_day today);

/* pane_archive.c: the meetings list (A), the search (/) and a past meeting shown read-only */
/* Handles a if the archive or the search has a say in it; true if it did. */
bool tui_archive_dispatch(struct tui *t, enum tui_action a);
/* R: asks for a ruling's text, then the rule it reads (the last refusal's rule offered). */
void tui_ruling_begin(struct tui *t);
/* The rulings view's precedents: the body's rulings grouped by the rule they read. */
void tui_precedents(struct tui *t, int width, struct rows *out);
/* Back to the live meeting if a past one is shown; frees the archive's state. */
void tui_archive_free(struct tui *t);

/* layout.c */
void layout_apply(struct tui *t);
/* Draws the screen; flush: sends it to the terminal (else only to curses' virtual screen). */
void layout_draw(struct tui *t, bool flush);
void layout_free(struct tui *t);
/* Moves a pane's cursor or scroll position; TH_* flags. */
unsigned pane_move(struct pane *p, enum tui_action a);
/* Writes the screen as text, one line per row (the test seam's <Dump FILE>). */
int layout_dump(const char *path);

/* compose.c: building script lines (no curses) */
/* Appends `VERB "NAME"` for member k. */
void tui_member_line(struct sb *b, const char *verb, const struct pk_state *s, int k);
/* True if member k holds a seat in the room at meeting m (present, or a seated substitute). */
bool tui_seated(const struct pk_state *s, const struct meeting *m, int k);
/* True if member k may vote in ballot b (seated, of the body, not disqualified). */
bool tui_may_vote(const struct pk_state *s, const struct meeting *m, const struct ballot *b, int k);
/* The parties of body in order of first registration; returns how many (at most max). */
int tui_parties(const struct pk_state *s, int body, const struct meeting *m, const char **out,
                int max);
/* Member k's party on the date of meeting m (now, without a meeting). */
const char *tui_party(const struct pk_state *s, const struct meeting *m, int k);
/*
 * Builds the `vote` line of a named vote from one choice per member index (VC_NONE is
 * recorded as abstaining): whole parties as party:X, members who differ from their
 * party's majority by name. Returns the number of voters.
 */
int tui_vote_line(const struct pk_state *s, const struct meeting *m, const struct ballot *b,
                  const enum vote_choice *choice, struct sb *out);
/*
 * The voting order of the open subjects (indexes into m->subjects), following the
 * engine's order rules as if each were voted in turn. Returns the count (at most max).
 */
int tui_voting_order(const struct pk_state *s, const struct meeting *m, int *out, int max);

#endif
