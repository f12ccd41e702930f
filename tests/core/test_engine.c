/*
 * test_engine.c - unit tests of the meeting engine (src/core/engine.c, src/core/allowed.c):
 * the rules of procedure of SPEC §2 as the three shipped profiles encode them, checked
 * through what the secretary sees (the exact ok/denied text and the status lines) and
 * what the state holds.
 *
 * Every test drives the engine with meeting-script lines (SPEC §5.2), parsed by
 * script_parse_line exactly as `protokol run` parses them. The profiles are loaded from
 * SRCDIR/assets/profiles (SRCDIR is passed at build time with -DSRCDIR="...").
 *
 * The meeting in most tests is Thursday 21 January 2027 at 16:00.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/engine.h"
#include "protokol/profile.h"
#include "protokol/script.h"

#ifndef SRCDIR
#error "build with -DSRCDIR=\"/path/to/repository\""
#endif

#define PROFILES SRCDIR "/assets/profiles"
#define NOW "2027-01-21T16:00:00"

/* ---------- driving the engine ---------- */

struct t {
        struct pk_state *s;
        struct profile p;
        struct sb msg;
        enum rule_id rule; /* the rule the last refusal rested on (R__COUNT: none) */
        /* a profile author's change: the rule set to the value (with its index) when the next
         * body's profile is loaded */
        bool set;
        enum rule_id set_rule;
        const char *set_val;
        int set_ival;
};

static int setup(void **state)
{
        struct t *t = calloc(1, sizeof *t);
        if (!t)
                return -1;
        t->s = engine_new();
        *state = t;
        return 0;
}

static int teardown(void **state)
{
        struct t *t = *state;
        engine_free(&t->s);
        sb_free(&t->msg);
        free(t);
        return 0;
}

static const char *result_name(enum pk_result r)
{
        switch (r) {
        case PK_OK:
                return "ok";
        case PK_DENIED:
                return "denied";
        case PK_ERROR:
                return "error";
        }
        return "?";
}

/*
 * Parses one script line, loads the profile a `body ... profile=P` names, applies the
 * action and returns the result; the engine's message is left in t->msg.
 */
static enum pk_result run(struct t *t, const char *line)
{
        struct action a;
        struct pk_err err;
        memset(&a, 0, sizeof a);
        pk_err_clear(&err);
        if (script_parse_line(line, strlen(line), &a, &err) != SP_ACTION)
                fail_msg("`%s` does not parse: column %d: %s", line, err.column, err.msg);
        const struct profile *prof = NULL;
        const char *pname = action_opt(&a, "profile");
        if (a.verb == V_BODY && pname) {
                char path[512];
                snprintf(path, sizeof path, "%s/%s.ini", PROFILES, pname);
                if (profile_load(path, &t->p, &err) != 0)
                        fail_msg("%s:%d: %s: %s", err.file, err.line, err.field, err.msg);
                if (t->set) {
                        snprintf(t->p.rules[t->set_rule].sval, sizeof t->p.rules[0].sval, "%s",
                                 t->set_val);
                        t->p.rules[t->set_rule].ival = t->set_ival;
                }
                prof = &t->p;
        }
        struct engine_input in = {.action = &a, .time = NOW, .profile = prof};
        struct pk_reply rep = {0};
        enum pk_result r = engine_apply(t->s, &in, &rep);
        sb_clear(&t->msg);
        pk_reply_render(&rep, &t->msg);
        t->rule = rep.rule;
        pk_reply_free(&rep);
        action_free(&a);
        return r;
}

static enum pk_result runf(struct t *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static enum pk_result runf(struct t *t, const char *fmt, ...)
{
        struct sb line = {0};
        va_list ap;
        va_start(ap, fmt);
        sb_vaddf(&line, fmt, ap);
        va_end(ap);
        enum pk_result r = run(t, sb_str(&line));
        sb_free(&line);
        return r;
}

/* Runs line and checks the result and (unless want is NULL) the exact message. */
static void expect_at(struct t *t, const char *line, enum pk_result want_r, const char *want,
                      const char *file, int ln)
{
        enum pk_result r = run(t, line);
        if (r != want_r || (want && strcmp(sb_str(&t->msg), want) != 0))
                fail_msg("%s:%d: `%s`\n     got: %s: %s\n    want: %s: %s", file, ln, line,
                         result_name(r), sb_str(&t->msg), result_name(want_r), want ? want : "...");
}

#define OK(t, line, want) expect_at((t), (line), PK_OK, (want), __FILE__, __LINE__)
#define DENIED(t, line, want) expect_at((t), (line), PK_DENIED, (want), __FILE__, __LINE__)
#define ERR(t, line, want) expect_at((t), (line), PK_ERROR, (want), __FILE__, __LINE__)

/* The status (SPEC §5.3) as one string. */
static char *status_of(const struct t *t)
{
        struct sb out = {0};
        engine_status(t->s, &out);
        char *r = strdup(sb_str(&out));
        sb_free(&out);
        return r;
}

static char *allowed_of(const struct t *t)
{
        struct sb out = {0};
        engine_allowed(t->s, false, &out);
        char *r = strdup(sb_str(&out));
        sb_free(&out);
        return r;
}

/* True if text has the whole line `line`. */
static bool has_line(const char *text, const char *line)
{
        size_t n = strlen(line);
        for (const char *p = text; p && *p;) {
                const char *e = strchr(p, '\n');
                size_t len = e ? (size_t)(e - p) : strlen(p);
                if (len == n && memcmp(p, line, n) == 0)
                        return true;
                p = e ? e + 1 : NULL;
        }
        return false;
}

static void has_line_at(const char *text, const char *line, const char *file, int ln)
{
        if (!has_line(text, line))
                fail_msg("%s:%d: no line \"%s\" in:\n%s", file, ln, line, text);
}

#define HAS_LINE(text, line) has_line_at((text), (line), __FILE__, __LINE__)

/* Asserts that the status has the line `line` (nothing is left allocated on failure). */
static void status_line_at(const struct t *t, const char *line, const char *file, int ln)
{
        static char copy[8192];
        char *st = status_of(t);
        bool found = has_line(st, line);
        snprintf(copy, sizeof copy, "%s", st);
        free(st);
        if (!found)
                fail_msg("%s:%d: no line \"%s\" in the status:\n%s", file, ln, line, copy);
}

#define STATUS(t, line) status_line_at((t), (line), __FILE__, __LINE__)

static const struct meeting *cur(const struct t *t)
{
        const struct meeting *m = engine_current_meeting(t->s);
        assert_non_null(m);
        return m;
}

/* ---------- fixtures ---------- */

/* Member i (1-based) of a council: 1 is the mayor, then "Medlem 02", "Medlem 03", ... */
static const char *mname(int i)
{
        static char names[64][16];
        assert_true(i >= 1 && i < 64);
        if (i == 1)
                return "Borgmester";
        snprintf(names[i], sizeof names[i], "Medlem %02d", i);
        return names[i];
}

/* Parties in turn, so that party A holds members 1, 6, 11, ... */
static const char *mparty(int i)
{
        static const char *parties[] = {"A", "V", "F", "O", "C"};
        return parties[(i - 1) % 5];
}

/*
 * A council under profile with nmembers registered members (seats= when seats > 0) and
 * a planned meeting on Thursday 21 January 2027 at 16:00.
 */
static void council(struct t *t, const char *profile, int seats, int nmembers)
{
        if (seats > 0)
                assert_int_equal(runf(t, "body \"Byrådet\" profile=%s seats=%d", profile, seats),
                                 PK_OK);
        else
                assert_int_equal(runf(t, "body \"Byrådet\" profile=%s", profile), PK_OK);
        for (int i = 1; i <= nmembers; i++)
                assert_int_equal(runf(t, "member \"%s\" party=%s%s", mname(i), mparty(i),
                                      i == 1 ? " role=mayor" : (i == 2 ? " role=deputy" : "")),
                                 PK_OK);
        OK(t, "meeting 2027-01-21 16:00", NULL);
}

/* Members 1..n present. */
static void present_first(struct t *t, int n)
{
        struct sb line = {0};
        sb_add(&line, "present");
        for (int i = 1; i <= n; i++)
                sb_addf(&line, " \"%s\"", mname(i));
        OK(t, sb_str(&line), NULL);
        sb_free(&line);
}

/* A 25-seat council with one item under treatment and the first npresent present. */
static void council_item(struct t *t, const char *profile, int npresent)
{
        council(t, profile, 0, 25);
        OK(t, "item \"Lokalplan for havnen\"", NULL);
        present_first(t, npresent);
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
}

/*
 * A KKR of six: a chair, a vice-chair and four members with personal substitutes
 * (Anna/Bo, Carl/Dorte, Eva/Finn, Gert/Hanne), and a planned meeting on 21 January 2027.
 */
static void kkr(struct t *t)
{
        OK(t, "body \"KKR Sjælland\" profile=kkr-2026",
           "body \"KKR Sjælland\" created (profile kkr-2026)");
        OK(t, "member \"Formand\" party=A role=chair", "member \"Formand\" (A, chair) registered");
        OK(t, "member \"Næstformand\" party=V role=vice-chair", NULL);
        OK(t, "member \"Anna\" party=A substitute=\"Bo\"",
           "member \"Anna\" (A, member) registered with personal substitute \"Bo\"");
        OK(t, "member \"Carl\" party=V substitute=\"Dorte\"", NULL);
        OK(t, "member \"Eva\" party=F substitute=\"Finn\"", NULL);
        OK(t, "member \"Gert\" party=O substitute=\"Hanne\"", NULL);
        OK(t, "meeting 2027-01-21 16:00", NULL);
}

/* The KKR with everyone present, the meeting open and item 1 under treatment. */
static void kkr_item(struct t *t)
{
        kkr(t);
        OK(t, "item \"Regional erhvervsplan\"", NULL);
        OK(t, "present \"Formand\" \"Næstformand\" \"Anna\" \"Carl\" \"Eva\" \"Gert\"", NULL);
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
}

/* ---------- quorum (SPEC §2: present >= seats / 2) ---------- */

static void test_engine__ballot__not_quorate_12_of_25_standard(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 12);
        OK(t, "motion \"Lokalplanen vedtages\"", "M tabled (main proposal)");
        STATUS(t, "present: 12 of 25");
        STATUS(t, "quorum: no (need 13)");
        DENIED(t, "ballot", "not quorate: 12 of 25 present, 13 needed (§ 4, stk. 1)");
        DENIED(t, "ballot M", "not quorate: 12 of 25 present, 13 needed (§ 4, stk. 1)");
        assert_int_equal(engine_present(t->s, cur(t)), 12);
        assert_int_equal(engine_quorum_need(t->s, cur(t)), 13);
        OK(t, "arrive \"Medlem 13\"", "\"Medlem 13\" arrives: 13 of 25 present");
        STATUS(t, "quorum: yes (need 13)");
        OK(t, "ballot", "ballot on M (main proposal)");
}

static void test_engine__ballot__not_quorate_12_of_25_lolland(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 12);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        DENIED(t, "ballot", "not quorate: 12 of 25 present, 13 needed (§ 4)");
}

static void test_engine__ballot__quorate_13_of_25(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        OK(t, "item \"Lokalplan for havnen\"", NULL);
        present_first(t, 13);
        OK(t, "open",
           "13 of 25 present, quorate (need 13); the agenda's dispatch was not recorded");
        OK(t, "take 1", NULL);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        STATUS(t, "present: 13 of 25");
        STATUS(t, "quorum: yes (need 13)");
        OK(t, "ballot", "ballot on M (main proposal)");
        OK(t, "vote for=rest", "M adopted 13-0-0");
}

static void test_engine__open__reports_not_quorate(void **state)
{
        struct t *t = *state;
        council(t, "lolland-2023", 0, 25);
        present_first(t, 12);
        OK(t, "open",
           "12 of 25 present, not quorate (need 13); the agenda's dispatch was not recorded");
}

static void test_engine__ballot__quorum_11_of_22(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 22);
        OK(t, "item \"Sag\"", NULL);
        present_first(t, 10);
        OK(t, "open",
           "10 of 22 present, not quorate (need 11); the agenda's dispatch was not recorded");
        OK(t, "take 1", NULL);
        OK(t, "motion \"Forslaget vedtages\"", NULL);
        DENIED(t, "ballot", "not quorate: 10 of 22 present, 11 needed (§ 4, stk. 1)");
        assert_int_equal(engine_quorum_need(t->s, cur(t)), 11);
        OK(t, "arrive \"Medlem 11\"", "\"Medlem 11\" arrives: 11 of 22 present");
        OK(t, "ballot", "ballot on M (main proposal)");
}

/* seats=55 counts the vacant seats: 30 registered members, quorum still 28 of 55. */
static void test_engine__ballot__quorum_28_of_55_counts_vacant_seats(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 55, 30);
        OK(t, "item \"Sag\"", NULL);
        present_first(t, 27);
        OK(t, "open",
           "27 of 55 present, not quorate (need 28); the agenda's dispatch was not recorded");
        OK(t, "take 1", NULL);
        OK(t, "motion \"Forslaget vedtages\"", NULL);
        STATUS(t, "present: 27 of 55");
        STATUS(t, "quorum: no (need 28)");
        DENIED(t, "ballot", "not quorate: 27 of 55 present, 28 needed (§ 4, stk. 1)");
        OK(t, "arrive \"Medlem 28\"", "\"Medlem 28\" arrives: 28 of 55 present");
        STATUS(t, "quorum: yes (need 28)");
        OK(t, "ballot", "ballot on M (main proposal)");
}

/* ---------- disqualification (inhabilitet) ---------- */

static void test_engine__inhabil__not_counted_in_quorum(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "inhabil \"Medlem 05\"",
           "the council decides without a vote that \"Medlem 05\" is disqualified for item 1; "
           "\"Medlem 05\" leaves the room: 12 of 25 present (§ 8)");
        assert_int_equal(engine_present(t->s, cur(t)), 12);
        STATUS(t, "present: 12 of 25");
        STATUS(t, "quorum: no (need 13)");
        DENIED(t, "ballot", "not quorate: 12 of 25 present, 13 needed (§ 4, stk. 1)");
        DENIED(t, "inhabil \"Medlem 05\"", "\"Medlem 05\" is already disqualified for this item");
        /* the disqualification is for this item only */
        OK(t, "done", "item 1 decided");
        assert_int_equal(engine_present(t->s, cur(t)), 13);
}

static void test_engine__vote__disqualified_member_cannot_vote(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 14);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "inhabil \"Medlem 05\"", NULL);
        DENIED(t, "speaker \"Medlem 05\"",
               "\"Medlem 05\" is disqualified for this item and has left the room (§ 8)");
        OK(t, "ballot", "ballot on M (main proposal)");
        /* a vote naming the disqualified member is refused as the rules require (§ 8) */
        DENIED(t, "vote for=\"Medlem 05\" against=rest",
               "\"Medlem 05\" is disqualified for this item and cannot vote (§ 8)");
        STATUS(t, "ballot-open: M (main proposal)");
        /* rest leaves the disqualified member out: 13 votes, not 14 */
        OK(t, "vote for=rest", "M adopted 13-0-0");
        const struct meeting *m = cur(t);
        assert_int_equal(m->nballots, 1);
        assert_int_equal(m->ballots[0].nfor, 13);
        int k = -1;
        for (int i = 0; i < t->s->nmembers; i++)
                if (strcmp(t->s->members[i].name, "Medlem 05") == 0)
                        k = i;
        assert_true(k >= 0);
        assert_true(m->ballots[0].named);
        assert_int_equal(m->ballots[0].votes[k], VC_NONE);
}

static void test_engine__vote__party_leaves_out_disqualified_member(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 15);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        /* party V: members 2, 7, 12 are present */
        OK(t, "inhabil \"Medlem 07\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote against=party:V for=rest", "M adopted 12-2-0");
}

/* ---------- decisions: majority and ties ---------- */

static void test_engine__vote__council_tie_not_adopted(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        /* the mayor votes for: in a council that does not decide a tie */
        OK(t,
           "vote for=\"Borgmester\",\"Medlem 02\" against=\"Medlem 03\",\"Medlem 04\" abstain=rest",
           "M rejected 2-2-9 (a tie is not a majority)");
        assert_false(cur(t)->ballots[0].adopted);
        assert_true(cur(t)->ballots[0].tie);
}

static void test_engine__vote__council_tie_counted_chair_option_ignored(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=2 against=2 chair=for", "M rejected 2-2-0 (a tie is not a majority)");
}

static void test_engine__vote__kkr_tie_chair_for_adopted(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        OK(t, "motion \"Planen vedtages\"", NULL);
        OK(t, "ballot", "ballot on M (main proposal)");
        OK(t, "vote for=\"Formand\",\"Anna\" against=\"Carl\",\"Eva\" abstain=rest",
           "M adopted 2-2-2 (a tie: the chair's vote decides, § 5, stk. 9)");
        assert_true(cur(t)->ballots[0].adopted);
        assert_true(cur(t)->ballots[0].chair_decided);
}

static void test_engine__vote__kkr_tie_chair_against_rejected(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        OK(t, "motion \"Planen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=\"Anna\",\"Carl\" against=\"Formand\",\"Eva\" abstain=rest",
           "M rejected 2-2-2 (a tie: the chair's vote decides, § 5, stk. 9)");
        assert_false(cur(t)->ballots[0].adopted);
}

static void test_engine__vote__kkr_tie_chair_abstains_not_adopted(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        OK(t, "motion \"Planen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=\"Anna\",\"Carl\" against=\"Eva\",\"Gert\" abstain=rest",
           "M rejected 2-2-2 (a tie is not a majority)");
        assert_false(cur(t)->ballots[0].adopted);
        assert_false(cur(t)->ballots[0].chair_decided);
}

static void test_engine__vote__kkr_tie_counted_with_chair_option(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        OK(t, "motion \"Planen vedtages\"", NULL);
        OK(t, "amend \"Planen udvides\"", "A1 tabled");
        OK(t, "ballot", "ballot on A1 (amendment)");
        OK(t, "vote for=2 against=2 chair=for",
           "A1 adopted 2-2-0 (a tie: the chair's vote decides, § 5, stk. 9)");
        OK(t, "ballot", "ballot on M (main proposal)");
        OK(t, "vote for=2 against=2 chair=against",
           "M rejected 2-2-0 (a tie: the chair's vote decides, § 5, stk. 9)");
}

static void test_engine__vote__kkr_tie_counted_without_chair_not_adopted(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        OK(t, "motion \"Planen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=3 against=3", "M rejected 3-3-0 (a tie is not a majority)");
}

/* "majority of votes cast": abstentions are not cast votes. */
static void test_engine__vote__abstentions_are_not_votes_cast(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "amend \"Byggehøjden nedsættes\"", NULL);
        OK(t, "ballot", "ballot on A1 (amendment)");
        OK(t, "vote for=2 against=1 abstain=2", "A1 adopted 2-1-2");
        OK(t, "ballot", "ballot on M (main proposal)");
        OK(t, "vote for=\"Medlem 02\",\"Medlem 03\" against=\"Medlem 04\" abstain=rest",
           "M adopted 2-1-10");
        assert_true(cur(t)->ballots[1].adopted);
}

static void test_engine__vote__more_votes_than_voters_refused(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        ERR(t, "vote for=10 against=4", "14 votes, but only 13 members may vote");
        STATUS(t, "ballot-open: M (main proposal)");
}

/* ---------- voting order (§ 11, stk. 3-4) ---------- */

static void test_engine__ballot__sub_amendment_before_amendment_before_main(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "amend \"Byggehøjden nedsættes til 3 etager\" by=\"Medlem 03\"", "A1 tabled");
        OK(t, "amend \"Kun 2 etager\" to=A1 by=\"Medlem 04\"", "A1.1 tabled");
        STATUS(t, "next-ballot: A1.1 (sub-amendment)");
        DENIED(t, "ballot M", "amendments are voted first (§ 11, stk. 3)");
        DENIED(t, "ballot A1",
               "sub-amendments are voted before their amendment (A1.1 first) (§ 11, stk. 3)");
        OK(t, "ballot", "ballot on A1.1 (sub-amendment)");
        OK(t, "vote for=\"Medlem 04\" against=rest", "A1.1 rejected 1-12-0");
        STATUS(t, "next-ballot: A1 (amendment)");
        DENIED(t, "ballot M", "amendments are voted first (§ 11, stk. 3)");
        OK(t, "ballot", "ballot on A1 (amendment)");
        OK(t, "vote against=rest", "A1 rejected 0-13-0");
        STATUS(t, "next-ballot: M (main proposal)");
        OK(t, "ballot M", "ballot on M (main proposal)");
}

/* Lolland's § 11 is silent on sub-amendments; established practice votes them first. */
static void test_engine__ballot__sub_amendment_first_lolland(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "amend \"3 etager\"", "A1 tabled");
        OK(t, "amend \"2 etager\" to=A1", "A1.1 tabled");
        DENIED(t, "ballot A1",
               "sub-amendments are voted before their amendment (A1.1 first) (§ 11, stk. 3)");
        DENIED(t, "ballot M", "amendments are voted first (§ 11, stk. 3)");
        OK(t, "ballot A1.1", "ballot on A1.1 (sub-amendment)");
}

static void test_engine__ballot__chair_chooses_among_sibling_amendments(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "amend \"3 etager\"", "A1 tabled");
        OK(t, "amend \"Ingen bebyggelse\"", "A2 tabled");
        STATUS(t, "next-ballot: A1 (amendment)");
        OK(t, "ballot A2", "ballot on A2 (amendment)");
        OK(t, "vote against=rest", "A2 rejected 0-13-0");
        OK(t, "ballot", "ballot on A1 (amendment)");
}

static void test_engine__rank__chair_orders_sibling_amendments(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "amend \"3 etager\"", "A1 tabled");
        OK(t, "amend \"Ingen bebyggelse\"", "A2 tabled");
        OK(t, "rank A2 A1", "voting order: A2, A1 (§ 11, stk. 3)");
        STATUS(t, "next-ballot: A2 (amendment)");
        OK(t, "ballot", "ballot on A2 (amendment)");
        OK(t, "vote against=rest", "A2 rejected 0-13-0");
        OK(t, "ballot", "ballot on A1 (amendment)");
}

static void test_engine__ballot__procedural_proposal_first(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "amend \"3 etager\"", NULL);
        OK(t, "procedural \"Sagen sendes til teknik- og miljøudvalget\" kind=refer",
           "P1 tabled (procedural: refer), decided before the other subjects (§ 11, stk. 4)");
        STATUS(t, "next-ballot: P1 (procedural proposal)");
        DENIED(t, "ballot A1", "the procedural proposal P1 is decided first (§ 11, stk. 4)");
        DENIED(t, "ballot M", "the procedural proposal P1 is decided first (§ 11, stk. 4)");
        OK(t, "ballot", "ballot on P1 (procedural proposal)");
        OK(t, "vote against=rest", "P1 rejected 0-13-0");
        /* a procedural vote does not begin the voting on the item */
        OK(t, "amend \"Ingen bebyggelse\"", "A2 tabled");
        OK(t, "ballot", "ballot on A1 (amendment)");
}

static void test_engine__ballot__procedural_adopted_ends_item(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "procedural \"Sagen udsættes\" kind=postpone", NULL);
        OK(t, "ballot", "ballot on P1 (procedural proposal)");
        OK(t, "vote for=rest", "P1 adopted 13-0-0; item 1 postponed");
        STATUS(t, "item: none");
        STATUS(t, "next-ballot: none");
        assert_int_equal(cur(t)->items[0].status, IS_POSTPONED);
}

static void test_engine__ballot__closure_voted_before_any_subject(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "amend \"3 etager\"", NULL);
        OK(t, "procedural \"Sagen udsættes\"", NULL);
        OK(t, "closure", "C1 tabled: closure of the debate, voted now");
        STATUS(t, "next-ballot: C1 (closure of the debate)");
        DENIED(
            t, "ballot P1",
            "C1 (closure of the debate) is voted first, as soon as it is proposed (§ 4, stk. 5)");
        DENIED(
            t, "ballot A1",
            "C1 (closure of the debate) is voted first, as soon as it is proposed (§ 4, stk. 5)");
        DENIED(
            t, "ballot M",
            "C1 (closure of the debate) is voted first, as soon as it is proposed (§ 4, stk. 5)");
        OK(t, "ballot", "ballot on C1 (closure of the debate)");
}

static void test_engine__ballot__deny_floor_voted_before_any_subject(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "call-to-order \"Medlem 09\"", NULL);
        OK(t, "call-to-order \"Medlem 09\"", NULL);
        OK(t, "deny-floor \"Medlem 09\"", NULL);
        STATUS(t, "next-ballot: D1 (denial of the floor)");
        DENIED(t, "ballot M",
               "D1 (denial of the floor) is voted first, as soon as it is proposed (§ 4, stk. 4)");
        assert_int_equal(t->rule, R_CALLS_BEFORE_DENIAL);
        OK(t, "ballot", "ballot on D1 (denial of the floor)");
}

static void test_engine__ballot__order_vote_before_any_subject(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        OK(t, "item \"Lokalplan\"", NULL);
        OK(t, "item \"Budget\" reading=1", NULL);
        present_first(t, 13);
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "order-vote by=\"Medlem 02\",\"Medlem 03\",\"Medlem 04\"", NULL);
        STATUS(t, "next-ballot: O1 (order of items)");
        DENIED(t, "ballot M",
               "O1 (order of items) is voted first, as soon as it is proposed (§ 5, stk. 1)");
        assert_int_equal(t->rule, R_ORDER_DEMAND);
        OK(t, "ballot", "ballot on O1 (order of items)");
}

/*
 * KKR: the chair frames the questions put to the vote (§ 5, stk. 7; amendments.order =
 * chair), and its forretningsorden has no rule that procedural proposals come first
 * (procedural.first = no). The council's fixed order does not apply.
 */
static void test_engine__ballot__kkr_chair_orders_main_before_amendment(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        OK(t, "motion \"Planen vedtages\"", NULL);
        OK(t, "amend \"Planen udvides\"", "A1 tabled");
        OK(t, "ballot M", "ballot on M (main proposal)");
}

static void test_engine__ballot__kkr_procedural_not_forced_first(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        OK(t, "motion \"Planen vedtages\"", NULL);
        OK(t, "procedural \"Sagen udsættes\"", NULL);
        OK(t, "ballot M", "ballot on M (main proposal)");
}

/*
 * Denial of the floor is a meeting-level vote, taken as soon as it is proposed: ending the
 * item (postpone) must either wait for that vote or leave it pending, never drop it.
 */
static void test_engine__postpone__pending_denial_of_floor_not_dropped(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "call-to-order \"Medlem 09\"", NULL);
        OK(t, "call-to-order \"Medlem 09\"", NULL);
        OK(t, "deny-floor \"Medlem 09\"",
           "D1 tabled: deny \"Medlem 09\" the floor for the rest of the meeting");
        if (run(t, "postpone") == PK_OK) {
                STATUS(t, "next-ballot: D1 (denial of the floor)");
                OK(t, "ballot", "ballot on D1 (denial of the floor)");
        } else {
                STATUS(t, "next-ballot: D1 (denial of the floor)");
        }
}

/* ---------- amendments while no vote has begun (§ 11, stk. 1) ---------- */

static void test_engine__amend__refused_once_voting_has_begun(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "amend \"3 etager\"", NULL);
        OK(t, "amend \"Ingen bebyggelse\"", NULL);
        OK(t, "ballot", "ballot on A1 (amendment)");
        DENIED(t, "amend \"For sent\"", "voting has begun (§ 11, stk. 1)");
        OK(t, "vote against=rest", NULL);
        DENIED(t, "amend \"For sent\"", "voting has begun (§ 11, stk. 1)");
        DENIED(t, "amend \"For sent\" to=A2", "voting has begun (§ 11, stk. 1)");
        assert_true(cur(t)->items[0].voting_begun);
}

static void test_engine__amend__closure_ballot_does_not_begin_voting(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "amend \"3 etager\"", "A1 tabled");
        OK(t, "closure by=\"Medlem 02\",\"Medlem 03\",\"Medlem 04\"",
           "C1 tabled: closure of the debate, voted now");
        OK(t, "ballot", "ballot on C1 (closure of the debate)");
        OK(t, "vote for=rest", "C1 adopted 13-0-0; the debate is closed");
        assert_false(cur(t)->items[0].voting_begun);
        OK(t, "amend \"Ingen bebyggelse\"", "A2 tabled");
        OK(t, "amend \"Kun 2 etager\" to=A1", "A1.1 tabled");
}

/* KKR: the chair frames the votes, so amendments are not cut off when voting begins. */
static void test_engine__amend__kkr_after_voting_begun_allowed(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        OK(t, "motion \"Planen vedtages\"", NULL);
        OK(t, "amend \"Planen udvides\"", "A1 tabled");
        OK(t, "ballot", "ballot on A1 (amendment)");
        OK(t, "vote for=rest", "A1 adopted 6-0-0");
        OK(t, "amend \"Planen begrænses\"", "A2 tabled");
}

/* ---------- incompatible amendments lapse ---------- */

static void test_engine__incompatible__lapse_after_adopted_amendment(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "amend \"3 etager\"", NULL);
        OK(t, "amend \"4 etager\"", NULL);
        OK(t, "amend \"Grønne tage\"", NULL);
        DENIED(t, "incompatible A2", "no amendment has been adopted (§ 11, stk. 3)");
        OK(t, "ballot", "ballot on A1 (amendment)");
        OK(t, "vote for=rest", "A1 adopted 13-0-0");
        OK(t, "incompatible A2", "A2 lapsed (incompatible with A1)");
        assert_int_equal(cur(t)->subjects[2].status, SS_LAPSED);
        DENIED(t, "ballot A2", "A2 has already been decided");
        STATUS(t, "next-ballot: A3 (amendment)");
        OK(t, "ballot", "ballot on A3 (amendment)");
        OK(t, "vote for=rest", "A3 adopted 13-0-0");
        OK(t, "ballot", "ballot on M (main proposal)");
}

/* ---------- calls to order and denial of the floor (§ 4, stk. 4) ---------- */

static void test_engine__deny_floor__after_one_call_refused(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "call-to-order \"Medlem 09\"",
           "\"Medlem 09\" called to order (1st time in this meeting)");
        STATUS(t, "calls-to-order: Medlem 09 1");
        DENIED(t, "deny-floor \"Medlem 09\"",
               "\"Medlem 09\" has been called to order 1 time(s) in this meeting; the floor can be "
               "denied after 2 (§ 4, stk. 4)");
        STATUS(t, "next-ballot: none");
}

static void test_engine__deny_floor__after_two_calls_voted(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 13);
        OK(t, "call-to-order \"Medlem 09\"", NULL);
        OK(t, "call-to-order \"Medlem 09\"",
           "\"Medlem 09\" called to order (2nd time in this meeting); the council may now deny the "
           "member the floor (§ 4, stk. 4)");
        OK(t, "deny-floor \"Medlem 09\"",
           "D1 tabled: deny \"Medlem 09\" the floor for the rest of the meeting");
        OK(t, "ballot", "ballot on D1 (denial of the floor)");
        OK(t, "vote for=rest",
           "D1 adopted 13-0-0; \"Medlem 09\" is denied the floor for this meeting");
        STATUS(t, "calls-to-order: Medlem 09 2 (denied the floor)");
        DENIED(t, "speaker \"Medlem 09\"",
               "\"Medlem 09\" has been denied the floor for this meeting (§ 4, stk. 4)");
        OK(t, "speaker \"Medlem 10\"", "\"Medlem 10\" asks for the floor (1 in line)");
}

static void test_engine__deny_floor__rejected_keeps_the_floor(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "call-to-order \"Medlem 09\"", NULL);
        OK(t, "call-to-order \"Medlem 09\"", NULL);
        OK(t, "deny-floor \"Medlem 09\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote against=rest", "D1 rejected 0-13-0");
        OK(t, "speaker \"Medlem 09\"", "\"Medlem 09\" asks for the floor (1 in line)");
}

static void test_engine__deny_floor__kkr_chair_decides(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        OK(t, "call-to-order \"Carl\"", "\"Carl\" called to order (1st time in this meeting)");
        OK(t, "deny-floor \"Carl\"", "\"Carl\" denied the floor by the chair (§ 5, stk. 7)");
        STATUS(t, "next-ballot: none");
        DENIED(t, "speaker \"Carl\"",
               "\"Carl\" has been denied the floor for this meeting (§ 5, stk. 7)");
}

/* ---------- closure of the debate (§ 4, stk. 5) ---------- */

static void test_engine__closure__two_members_refused(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        DENIED(t, "closure by=\"Medlem 02\",\"Medlem 03\"",
               "closure of the debate needs 3 members to demand it; 2 did (§ 4, stk. 5)");
        STATUS(t, "next-ballot: none");
}

static void test_engine__closure__three_members_then_speaker_refused(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 13);
        OK(t, "speaker \"Medlem 06\"", NULL);
        OK(t, "closure by=\"Medlem 02\",\"Medlem 03\",\"Medlem 04\"",
           "C1 tabled: closure of the debate, voted now");
        DENIED(t, "closure", "closure is already proposed (C1)");
        OK(t, "ballot", "ballot on C1 (closure of the debate)");
        OK(t, "vote for=rest", "C1 adopted 13-0-0; the debate is closed");
        STATUS(t, "speaker: none");
        DENIED(t, "speaker \"Medlem 07\"", "the debate has been closed (§ 4, stk. 5)");
        DENIED(t, "closure", "the debate is already closed");
}

static void test_engine__closure__kkr_chair_closes(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        OK(t, "speaker \"Anna\"", NULL);
        OK(t, "closure", "debate closed by the chair (§ 5, stk. 7)");
        STATUS(t, "next-ballot: none");
        DENIED(t, "speaker \"Carl\"", "the debate has been closed (§ 5, stk. 7)");
}

/* ---------- order of items (§ 5, stk. 1) ---------- */

static void three_items(struct t *t, const char *profile)
{
        council(t, profile, 0, 25);
        OK(t, "item \"Dagsorden\"", NULL);
        OK(t, "item \"Lokalplan\"", NULL);
        OK(t, "item \"Skolestruktur\"", NULL);
        present_first(t, 13);
        OK(t, "open", NULL);
}

static void test_engine__order_vote__two_members_refused(void **state)
{
        struct t *t = *state;
        three_items(t, "standard-2023");
        DENIED(t, "order-vote by=\"Medlem 02\",\"Medlem 03\"",
               "a vote on the order of items needs 3 members to demand it; 2 did (§ 5, stk. 1)");
}

static void test_engine__order_vote__two_members_refused_lolland(void **state)
{
        struct t *t = *state;
        three_items(t, "lolland-2023");
        DENIED(t, "order-vote by=\"Medlem 02\",\"Medlem 03\"",
               "a vote on the order of items needs 3 members to demand it; 2 did (§ 5)");
}

static void test_engine__order_vote__rejected_restores_agenda_order(void **state)
{
        struct t *t = *state;
        three_items(t, "standard-2023");
        OK(t, "move 3 to=1", "item 3 moved to place 1; order: 3, 1, 2 (§ 5, stk. 1)");
        OK(t, "order-vote by=\"Medlem 02\",\"Medlem 03\",\"Medlem 04\"",
           "O1 tabled: vote on the order of items: 3, 1, 2");
        OK(t, "ballot", "ballot on O1 (order of items)");
        OK(t, "vote against=rest", "O1 rejected 0-13-0; the agenda's order applies: 1, 2, 3");
        const struct meeting *m = cur(t);
        assert_int_equal(m->order[0], 0);
        assert_int_equal(m->order[1], 1);
        assert_int_equal(m->order[2], 2);
}

/* After the council's vote on the order, the chair takes the items in that order and can no
 * longer move them (§ 5, stk. 1). */
static void test_engine__order_vote__rejected_order_binds_take(void **state)
{
        struct t *t = *state;
        three_items(t, "standard-2023");
        OK(t, "move 3 to=1", NULL);
        OK(t, "order-vote by=\"Medlem 02\",\"Medlem 03\",\"Medlem 04\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote against=rest", NULL);
        DENIED(t, "take 3",
               "the council has decided the order of items: item 1 is next (§ 5, stk. 1)");
        DENIED(t, "move 3 to=1", "the council has decided the order of items (§ 5, stk. 1)");
        OK(t, "take 1", NULL);
        OK(t, "done", NULL);
        DENIED(t, "take 3",
               "the council has decided the order of items: item 2 is next (§ 5, stk. 1)");
        OK(t, "take 2", NULL);
}

static void test_engine__order_vote__adopted_keeps_order(void **state)
{
        struct t *t = *state;
        three_items(t, "lolland-2023");
        OK(t, "move 3 to=1", "item 3 moved to place 1; order: 3, 1, 2 (§ 5)");
        OK(t, "order-vote by=\"Medlem 02\",\"Medlem 03\",\"Medlem 04\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=rest", "O1 adopted 13-0-0");
        const struct meeting *m = cur(t);
        assert_int_equal(m->order[0], 2);
        assert_int_equal(m->order[1], 0);
        assert_int_equal(m->order[2], 1);
}

static void test_engine__order_vote__kkr_refused(void **state)
{
        struct t *t = *state;
        kkr(t);
        OK(t, "item \"A\"", NULL);
        OK(t, "item \"B\"", NULL);
        OK(t, "present \"Formand\" \"Næstformand\" \"Anna\" \"Carl\"", NULL);
        OK(t, "open", NULL);
        DENIED(t, "order-vote by=\"Anna\",\"Carl\",\"Næstformand\"",
               "the chair decides the order of items (§ 5, stk. 8)");
}

/* ---------- outcome beyond doubt (§ 10, stk. 3) ---------- */

static void test_engine__decide__declared_outcome(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        DENIED(t, "decide", "the chair has declared no outcome (§ 10, stk. 3)");
        OK(t, "declare \"Dagsordenen er godkendt\"",
           "the chair declares: Dagsordenen er godkendt; decided unless a member demands a vote (§ "
           "10, stk. 3)");
        OK(t, "decide", "decided without a vote (§ 10, stk. 3)");
        const struct item *it = &cur(t)->items[0];
        assert_true(it->decided_without_vote);
        assert_string_equal(it->decision, "Dagsordenen er godkendt");
        assert_int_equal(cur(t)->nballots, 0);
}

static void test_engine__decide__refused_after_demand(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 13);
        OK(t, "declare \"Dagsordenen er godkendt\"", NULL);
        OK(t, "demand \"Medlem 08\"",
           "\"Medlem 08\" demands a vote: the outcome is put to a ballot (§ 10, stk. 3)");
        DENIED(t, "decide", "a member has demanded a vote: put it to a ballot (§ 10, stk. 3)");
        STATUS(t, "next-ballot: M (main proposal)");
        OK(t, "ballot", "ballot on M (main proposal)");
        OK(t, "vote for=rest", "M adopted 13-0-0");
        assert_false(cur(t)->items[0].decided_without_vote);
}

static void test_engine__decide__needs_quorum(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 12);
        OK(t, "declare \"Dagsordenen er godkendt\"", NULL);
        DENIED(t, "decide", "not quorate: 12 of 25 present, 13 needed (§ 4, stk. 1)");
}

static void test_engine__declare__kkr_refused(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        DENIED(t, "declare \"Planen er vedtaget\"",
               "this body decides by a vote: no outcome is declared without one (§ 5, stk. 9)");
        DENIED(t, "decide", "the chair has declared no outcome");
}

/* ---------- two readings (§ 6) ---------- */

static void test_engine__ballot__first_reading_votes_passing_only(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        OK(t, "item \"Ny affaldsordning\" reading=1",
           "item 1 \"Ny affaldsordning\" added (reading 1)");
        present_first(t, 13);
        OK(t, "open", NULL);
        OK(t, "take 1", "item 1 \"Ny affaldsordning\" under treatment (reading 1)");
        OK(t, "motion \"Ordningen vedtages\"", NULL);
        STATUS(t, "next-ballot: R (passing to the 2nd reading)");
        DENIED(t, "ballot M",
               "at the 1st reading only the passing to the 2nd reading is voted (§ 6, stk. 2)");
        OK(t, "ballot", "ballot on R (passing to the 2nd reading)");
        OK(t, "vote for=rest", "R adopted 13-0-0; the case passes to the 2nd reading");
        DENIED(t, "ballot", "nothing left to vote on at the 1st reading");
        DENIED(t, "ballot M",
               "at the 1st reading only the passing to the 2nd reading is voted (§ 6, stk. 2)");
}

static void test_engine__ballot__first_reading_lolland_amendment_refused(void **state)
{
        struct t *t = *state;
        council(t, "lolland-2023", 0, 25);
        OK(t, "item \"Ny affaldsordning\" reading=1", NULL);
        present_first(t, 13);
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
        OK(t, "motion \"Ordningen vedtages\"", NULL);
        OK(t, "amend \"Ordningen udskydes\"", NULL);
        DENIED(t, "ballot A1",
               "at the 1st reading only the passing to the 2nd reading is voted (§ 6, stk. 2)");
        OK(t, "ballot", "ballot on R (passing to the 2nd reading)");
}

static void test_engine__item__kkr_has_no_two_readings(void **state)
{
        struct t *t = *state;
        kkr(t);
        DENIED(t, "item \"Strategi\" reading=1", "this body's rules have no two readings");
        DENIED(t, "item \"Strategi\" reading=2", "this body's rules have no two readings");
        assert_int_equal(cur(t)->nitems, 0);
        OK(t, "item \"Strategi\"", "item 1 \"Strategi\" added");
}

static void test_engine__item__budget_needs_two_readings(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        DENIED(t, "item \"Budget 2028\" kind=budget",
               "the budget is always given two readings (§ 6)");
        assert_int_equal(cur(t)->nitems, 0);
        OK(t, "item \"Budget 2028\" kind=budget reading=1",
           "item 1 \"Budget 2028\" added (reading 1)");
}

static void test_engine__item__budget_needs_two_readings_lolland(void **state)
{
        struct t *t = *state;
        council(t, "lolland-2023", 0, 25);
        DENIED(t, "item \"Budget 2028\" kind=budget",
               "the budget is always given two readings (§ 6, stk. 1)");
}

static void test_engine__item__second_reading_24_hours_lolland(void **state)
{
        struct t *t = *state;
        council(t, "lolland-2023", 0, 25);
        DENIED(t, "item \"Affaldsregulativ\" reading=2 first-reading=2027-01-21",
               "the 2nd reading must be at least 24 hours after the 1st reading (2027-01-21) (§ 6, "
               "stk. 2)");
        assert_int_equal(cur(t)->nitems, 0);
        OK(t, "item \"Affaldsregulativ\" reading=2 first-reading=2027-01-19",
           "item 1 \"Affaldsregulativ\" added (reading 2)");
}

/* The 1st reading found by case= in an earlier meeting, with its time of day. */
static void test_engine__item__second_reading_24_hours_by_case_lolland(void **state)
{
        struct t *t = *state;
        OK(t, "body \"Byrådet\" profile=lolland-2023", NULL);
        OK(t, "member \"Borgmester\" party=A role=mayor", NULL);
        OK(t, "meeting 2027-01-20 17:00", NULL);
        OK(t, "item \"Affaldsregulativ\" reading=1 case=27-0012", NULL);
        OK(t, "meeting 2027-01-21 16:00", NULL);
        DENIED(t, "item \"Affaldsregulativ\" reading=2 case=27-0012",
               "the 2nd reading must be at least 24 hours after the 1st reading (2027-01-20) (§ 6, "
               "stk. 2)");
        OK(t, "meeting 2027-01-20 16:00", NULL);
        OK(t, "item \"Vejplan\" reading=1 case=27-0013", NULL);
        OK(t, "meeting 2027-01-21 16:00", NULL);
        OK(t, "item \"Vejplan\" reading=2 case=27-0013", "item 1 \"Vejplan\" added (reading 2)");
}

/* A 1st reading in the same meeting is found too: 0 hours is less than 24, and less than the
 * budget's 3 weeks (Lolland § 6, stk. 1-2). */
static void test_engine__item__second_reading_same_meeting_lolland(void **state)
{
        struct t *t = *state;
        OK(t, "body \"Byrådet\" profile=lolland-2023", NULL);
        OK(t, "member \"Borgmester\" party=A role=mayor", NULL);
        OK(t, "meeting 2027-01-21 16:00", NULL);
        OK(t, "item \"Affaldsregulativ\" reading=1 case=27-0012", NULL);
        DENIED(t, "item \"Affaldsregulativ\" reading=2 case=27-0012",
               "the 2nd reading must be at least 24 hours after the 1st reading (2027-01-21) (§ 6, "
               "stk. 2)");
        OK(t, "item \"Budget 2028\" kind=budget reading=1 case=27-0100", NULL);
        DENIED(t, "item \"Budget 2028\" kind=budget reading=2 case=27-0100",
               "the 2nd reading must be at least 21 days after the 1st reading (2027-01-21) (§ 6, "
               "stk. 1-2)");
        assert_int_equal(cur(t)->nitems, 2);
}

static void test_engine__item__second_reading_budget_three_weeks_lolland(void **state)
{
        struct t *t = *state;
        council(t, "lolland-2023", 0, 25);
        DENIED(t, "item \"Budget 2028\" kind=budget reading=2 first-reading=2027-01-01",
               "the 2nd reading must be at least 21 days after the 1st reading (2027-01-01) (§ 6, "
               "stk. 1-2)");
        OK(t, "item \"Budget 2028\" kind=budget reading=2 first-reading=2026-12-31",
           "item 1 \"Budget 2028\" added (reading 2)");
}

static void test_engine__item__second_reading_bylaws_six_days_lolland(void **state)
{
        struct t *t = *state;
        council(t, "lolland-2023", 0, 25);
        DENIED(t, "item \"Styrelsesvedtægt\" kind=bylaws reading=2 first-reading=2027-01-16",
               "the 2nd reading must be at least 6 days after the 1st reading (2027-01-16) (§ 6, "
               "stk. 1)");
        OK(t, "item \"Styrelsesvedtægt\" kind=bylaws reading=2 first-reading=2027-01-15",
           "item 1 \"Styrelsesvedtægt\" added (reading 2)");
}

static void test_engine__item__second_reading_standard_no_interval(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        OK(t, "item \"Affaldsregulativ\" reading=2 first-reading=2027-01-21",
           "item 1 \"Affaldsregulativ\" added (reading 2)");
        OK(t, "item \"Budget 2028\" kind=budget reading=2 first-reading=2027-01-20",
           "item 2 \"Budget 2028\" added (reading 2)");
        OK(t, "item \"Styrelsesvedtægt\" kind=bylaws reading=2 first-reading=2027-01-20",
           "item 3 \"Styrelsesvedtægt\" added (reading 2)");
}

/* ---------- members' proposals (§ 3, stk. 1; KKR § 5, stk. 4) ---------- */

static void test_engine__item__late_member_proposal_council(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        OK(t, "item \"Cykelsti\" proposer=\"Medlem 04\" submitted=2027-01-14",
           "item 1 \"Cykelsti\" added; proposal submitted 2027-01-14, after the deadline "
           "2027-01-13: not entitled to this meeting (§ 3, stk. 1); entitled to the next ordinary "
           "meeting");
        assert_true(cur(t)->items[0].late_proposal);
        present_first(t, 13);
        OK(t, "open", NULL);
        OK(t, "take 1",
           "item 1 \"Cykelsti\" under treatment; note: the member's proposal was submitted after "
           "the deadline");
}

static void test_engine__item__member_proposal_on_deadline_day(void **state)
{
        struct t *t = *state;
        council(t, "lolland-2023", 0, 25);
        OK(t, "item \"Cykelsti\" proposer=\"Medlem 04\" submitted=2027-01-13",
           "item 1 \"Cykelsti\" added");
        assert_false(cur(t)->items[0].late_proposal);
}

static void test_engine__item__late_member_proposal_kkr(void **state)
{
        struct t *t = *state;
        kkr(t);
        OK(t, "item \"Kollektiv trafik\" proposer=\"Anna\" submitted=2027-01-11",
           "item 1 \"Kollektiv trafik\" added");
        OK(t, "item \"Sundhedsaftale\" proposer=\"Carl\" submitted=2027-01-12",
           "item 2 \"Sundhedsaftale\" added; proposal submitted 2027-01-12, after the deadline "
           "2027-01-11: not entitled to this meeting (§ 5, stk. 4); entitled to the next ordinary "
           "meeting");
}

/* ---------- dispatch of the agenda ---------- */

static void test_engine__dispatched__lolland_on_time(void **state)
{
        struct t *t = *state;
        council(t, "lolland-2023", 0, 25);
        OK(t, "dispatched 2027-01-15",
           "agenda dispatched 2027-01-15 (deadline 2027-01-15); material due 2027-01-18");
        assert_false(cur(t)->dispatch_late);
}

static void test_engine__dispatched__lolland_late(void **state)
{
        struct t *t = *state;
        council(t, "lolland-2023", 0, 25);
        OK(t, "dispatched 2027-01-18",
           "agenda dispatched 2027-01-18, after the deadline 2027-01-15 (§ 3, stk. 2); material "
           "due 2027-01-18");
        assert_true(cur(t)->dispatch_late);
        /* Lolland has no rule on late items: they may still be voted */
        OK(t, "item \"Sag\"", NULL);
        present_first(t, 13);
        OK(t, "open", "13 of 25 present, quorate (need 13)");
        OK(t, "take 1", NULL);
        OK(t, "motion \"Forslaget vedtages\"", NULL);
        OK(t, "ballot", "ballot on M (main proposal)");
}

static void test_engine__dispatched__standard_late_needs_urgent(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        OK(t, "item \"Vinterberedskab\"", NULL);
        OK(t, "dispatched 2027-01-18",
           "agenda dispatched 2027-01-18, after the deadline 2027-01-15 (§ 3, stk. 2); an item may "
           "be decided only if the reason it cannot wait is recorded (§ 3, stk. 3)");
        present_first(t, 13);
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
        OK(t, "motion \"Ekstra bevilling\"", NULL);
        DENIED(
            t, "ballot",
            "the agenda was dispatched late: record why this item cannot wait (urgent \"REASON\") "
            "before it is decided (§ 3, stk. 3)");
        OK(t, "declare \"Bevillingen gives\"", NULL);
        DENIED(
            t, "decide",
            "the agenda was dispatched late: record why this item cannot wait (urgent \"REASON\") "
            "before it is decided (§ 3, stk. 3)");
        STATUS(t, "next-ballot: M (main proposal)");
        OK(t, "urgent \"Snestormen kræver beslutning i dag\"",
           "item 1: reason it cannot wait recorded");
        OK(t, "ballot", "ballot on M (main proposal)");
}

/* Late agenda under standard-2023 (§ 3, stk. 3): an election is a decision on the item too, so
 * round and allocate wait for urgent; a procedural proposal to postpone lets the item wait, so
 * its ballot needs no reason (§ 11, stk. 4). */
static void test_engine__dispatched__standard_late_election_and_postponement(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        OK(t, "item \"Valg af formand\"", NULL);
        OK(t, "item \"Valg til udvalg\"", NULL);
        OK(t, "item \"Vinterberedskab\"", NULL);
        OK(t, "dispatched 2027-01-18", NULL);
        present_first(t, 13);
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
        OK(t, "election \"Formand\" method=majority", NULL);
        OK(t, "candidate \"Medlem 03\"", NULL);
        DENIED(t, "round \"Medlem 03\"=13",
               "the agenda was dispatched late: record why this item cannot wait (urgent "
               "\"REASON\") before it is decided (§ 3, stk. 3)");
        OK(t, "urgent \"Udvalget skal konstitueres\"", NULL);
        OK(t, "round \"Medlem 03\"=13", NULL);
        OK(t, "done", NULL);
        OK(t, "take 2", NULL);
        OK(t, "election \"Udvalg\" method=proportional seats=3", NULL);
        OK(t, "group \"A\" members=\"Medlem 03\"", NULL);
        DENIED(t, "allocate",
               "the agenda was dispatched late: record why this item cannot wait (urgent "
               "\"REASON\") before it is decided (§ 3, stk. 3)");
        OK(t, "postpone", NULL);
        OK(t, "take 3", NULL);
        OK(t, "motion \"Ekstra bevilling\"", NULL);
        OK(t, "procedural \"Sagen udsættes\" kind=postpone", NULL);
        OK(t, "ballot P1", NULL);
        OK(t, "vote for=rest", NULL);
}

/* An extraordinary meeting has no ordinary deadlines (Lolland § 3, stk. 1-2 and 4; seed 003
 * § 3, stk. 1-2 with the Local Government Act § 8): a dispatch is not late, a member's proposal
 * is entitled to it, and the ballot needs no urgent. */
static void test_engine__dispatched__extraordinary_has_no_deadlines(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        OK(t, "meeting 2027-02-03 16:00 kind=extraordinary", NULL);
        OK(t, "dispatched 2027-02-02", "agenda dispatched 2027-02-02");
        assert_false(cur(t)->dispatch_late);
        OK(t, "item \"Vinterberedskab\" proposer=\"Medlem 03\" submitted=2027-02-01",
           "item 1 \"Vinterberedskab\" added");
        present_first(t, 13);
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
        OK(t, "motion \"Ekstra bevilling\"", NULL);
        OK(t, "ballot", "ballot on M (main proposal)");
}

static void test_engine__dispatched__standard_on_time(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        OK(t, "dispatched 2027-01-15", "agenda dispatched 2027-01-15 (deadline 2027-01-15)");
        OK(t, "item \"Sag\"", NULL);
        present_first(t, 13);
        OK(t, "open", "13 of 25 present, quorate (need 13)");
        OK(t, "take 1", NULL);
        OK(t, "motion \"Forslaget vedtages\"", NULL);
        OK(t, "ballot", "ballot on M (main proposal)");
}

static void test_engine__dispatched__kkr_seven_days(void **state)
{
        struct t *t = *state;
        kkr(t);
        OK(t, "dispatched 2027-01-14", "agenda dispatched 2027-01-14 (deadline 2027-01-14)");
        assert_false(cur(t)->dispatch_late);
        OK(t, "dispatched 2027-01-15",
           "agenda dispatched 2027-01-15, after the deadline 2027-01-14 (§ 5, stk. 5); allowed in "
           "special cases (§ 5, stk. 5)");
        assert_true(cur(t)->dispatch_late);
}

/* ---------- closed doors (§ 1) ---------- */

static void test_engine__item__lolland_real_estate_closed_by_default(void **state)
{
        struct t *t = *state;
        council(t, "lolland-2023", 0, 25);
        OK(t, "item \"Salg af grund, Nørregade 4\" category=real-estate",
           "item 1 \"Salg af grund, Nørregade 4\" added (closed)");
        OK(t, "item \"Køb af ejendom\" category=real-estate open",
           "item 2 \"Køb af ejendom\" added");
        OK(t, "item \"Lokalplan\"", "item 3 \"Lokalplan\" added");
        assert_true(cur(t)->items[0].closed);
        assert_false(cur(t)->items[1].closed);
        assert_false(cur(t)->items[2].closed);
}

static void test_engine__item__standard_aid_to_individuals_cannot_be_open(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        DENIED(t, "item \"Personsag\" category=aid-to-individuals open",
               "items of category aid-to-individuals must be treated behind closed doors (§ 1, "
               "stk. 1)");
        assert_int_equal(cur(t)->nitems, 0);
        OK(t, "item \"Personsag\" category=aid-to-individuals",
           "item 1 \"Personsag\" added (closed)");
        /* real estate is not a category of this profile: a line error, nothing added */
        ERR(t, "item \"Salg af grund\" category=real-estate",
            "category: \"real-estate\" is not one of this profile's categories: "
            "aid-to-individuals");
        assert_int_equal(cur(t)->nitems, 1);
}

/* A mistyped category is a line error naming the profile's categories, the closest first: it
 * would otherwise let an item the profile closes be opened (§ 1). */
static void test_engine__item__unknown_category_is_line_error(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        ERR(t, "item \"Personsag\" closed category=individual-aid",
            "category: \"individual-aid\" is not one of this profile's categories: "
            "aid-to-individuals");
        assert_int_equal(cur(t)->nitems, 0);
        engine_free(&t->s);
        t->s = engine_new();
        council(t, "lolland-2023", 0, 25);
        ERR(t, "item \"Salg\" category=real-estat",
            "category: \"real-estat\" is not one of this profile's categories: real-estate, "
            "personal, building-estimates");
        assert_int_equal(cur(t)->nitems, 0);
}

static void test_engine__take__closed_item_closes_the_doors(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        OK(t, "item \"Lokalplan\"", NULL);
        OK(t, "item \"Personsag\" category=aid-to-individuals", NULL);
        present_first(t, 13);
        OK(t, "open", NULL);
        STATUS(t, "doors: open");
        /* closed items come after the open ones (§ 1, stk. 4) */
        DENIED(t, "take 2",
               "item 2 is treated behind closed doors and comes after the open items: item 1 is "
               "still pending (the council may decide otherwise with a vote on the order of "
               "items) (§ 1, stk. 4)");
        OK(t, "take 1", "item 1 \"Lokalplan\" under treatment");
        STATUS(t, "doors: open");
        OK(t, "done", "item 1 decided");
        OK(t, "take 2", "item 2 \"Personsag\" under treatment (doors closed: closed item)");
        STATUS(t, "doors: closed");
        DENIED(t, "doors open",
               "items of category aid-to-individuals must be treated behind closed doors (§ 1, "
               "stk. 1)");
        STATUS(t, "doors: closed");
        /* only the single item was closed: the doors open again when it ends */
        OK(t, "done", "item 2 decided; the doors are open again");
        STATUS(t, "doors: open");
        /* doors closed between items stay closed */
        OK(t, "doors closed", "doors closed");
        OK(t, "ruling \"Sagen behandles for lukkede døre\"", NULL);
        STATUS(t, "doors: closed");
}

/* The item proposed next (the UI's take prompt) is the one take accepts: closed items after the
 * open ones (§ 1, stk. 4), in the council's order once it has voted on it (§ 5, stk. 1). */
static void test_engine__take__next_item_leaves_closed_items_last(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        OK(t, "item \"Personsag\" category=aid-to-individuals", NULL);
        OK(t, "item \"Lokalplan\"", NULL);
        OK(t, "item \"Trafikplan\"", NULL);
        present_first(t, 13);
        OK(t, "open", NULL);
        assert_int_equal(engine_next_item(t->s, cur(t)), 1);
        OK(t, "take 2", NULL);
        OK(t, "done", NULL);
        assert_int_equal(engine_next_item(t->s, cur(t)), 2);
        OK(t, "order-vote by=\"Medlem 03\",\"Medlem 04\",\"Medlem 05\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=rest", NULL);
        assert_int_equal(engine_next_item(t->s, cur(t)), 0);
        OK(t, "take 1", "item 1 \"Personsag\" under treatment (doors closed: closed item)");
        OK(t, "done", NULL);
        assert_int_equal(engine_next_item(t->s, cur(t)), 2);
        OK(t, "take 3", NULL);
        OK(t, "done", NULL);
        assert_int_equal(engine_next_item(t->s, cur(t)), -1);
}

static void test_engine__doors__lolland_council_may_open_closed_item(void **state)
{
        struct t *t = *state;
        council(t, "lolland-2023", 0, 25);
        OK(t, "item \"Salg af grund\" category=real-estate", NULL);
        present_first(t, 13);
        OK(t, "open", NULL);
        OK(t, "take 1", "item 1 \"Salg af grund\" under treatment (doors closed: closed item)");
        OK(t, "doors open", "doors open");
        STATUS(t, "doors: open");
}

static void test_engine__doors__kkr_cannot_open(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        STATUS(t, "doors: closed");
        DENIED(t, "doors open", "this body's meetings are not public (§ 5, stk. 1)");
        STATUS(t, "doors: closed");
        OK(t, "doors closed", "doors closed");
}

/* ---------- personal substitutes (KKR § 5, stk. 11) ---------- */

static void test_engine__substitute__kkr_takes_the_seat_and_votes(void **state)
{
        struct t *t = *state;
        kkr(t);
        OK(t, "item \"Regional erhvervsplan\"", NULL);
        OK(t, "present \"Formand\" \"Næstformand\"", "2 of 6 present");
        OK(t, "absent \"Anna\" reason=\"sygdom\"", "\"Anna\" absent (sygdom)");
        OK(t, "substitute \"Bo\" for \"Anna\"",
           "\"Bo\" takes the seat of \"Anna\": 3 of 6 present");
        assert_int_equal(engine_present(t->s, cur(t)), 3);
        STATUS(t, "present: 3 of 6");
        STATUS(t, "quorum: yes (need 3)");
        OK(t, "open", "3 of 6 present, quorate (need 3); the agenda's dispatch was not recorded");
        OK(t, "take 1", NULL);
        OK(t, "motion \"Planen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=\"Bo\",\"Formand\" against=\"Næstformand\"", "M adopted 2-1-0");
        DENIED(t, "arrive \"Anna\"", "the seat of \"Anna\" is taken by \"Bo\" (§ 5, stk. 11)");
}

static void test_engine__substitute__kkr_refused_while_member_present(void **state)
{
        struct t *t = *state;
        kkr(t);
        OK(t, "present \"Formand\" \"Carl\"", NULL);
        DENIED(t, "substitute \"Dorte\" for \"Carl\"",
               "\"Carl\" is present: a substitute sits only in a member's absence (§ 5, stk. 11)");
        assert_int_equal(engine_present(t->s, cur(t)), 2);
}

static void test_engine__substitute__kkr_refused_for_another_member(void **state)
{
        struct t *t = *state;
        kkr(t);
        OK(t, "absent \"Anna\"", NULL);
        DENIED(t, "substitute \"Dorte\" for \"Anna\"",
               "\"Dorte\" is not the personal substitute of \"Anna\" (§ 5, stk. 11)");
        DENIED(t, "present \"Dorte\"",
               "\"Dorte\" is a substitute: seat them with substitute \"Dorte\" for \"Carl\" (§ 5, "
               "stk. 11)");
        assert_int_equal(engine_present(t->s, cur(t)), 0);
}

static void test_engine__substitute__council_refused(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 3);
        DENIED(t, "member \"Medlem 09\" party=V substitute=\"Stedfortræder\"",
               "this body's rules have no personal substitutes");
        DENIED(t, "substitute \"Medlem 03\" for \"Medlem 02\"",
               "this body's rules have no personal substitutes");
        assert_int_equal(t->s->nmembers, 3);
}

static void test_engine__substitute__lolland_refused(void **state)
{
        struct t *t = *state;
        council(t, "lolland-2023", 0, 3);
        DENIED(t, "member \"Medlem 09\" party=V substitute=\"Stedfortræder\"",
               "this body's rules have no personal substitutes");
}

/* ---------- dissent (§ 14, stk. 2) ---------- */

static void test_engine__dissent__only_minority(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        DENIED(t, "dissent \"Medlem 03\" \"Uenig\"",
               "only a member in the minority may have a dissent recorded, and item 1 had no vote "
               "(§ 14, stk. 2)");
        OK(t, "ballot", NULL);
        OK(t, "vote against=\"Medlem 03\" abstain=\"Medlem 04\" for=rest", "M adopted 11-1-1");
        DENIED(t, "dissent \"Borgmester\" \"Uenig\"",
               "only a member in the minority may have a dissent recorded (§ 14, stk. 2)");
        DENIED(t, "dissent \"Medlem 04\" \"Uenig\"",
               "only a member in the minority may have a dissent recorded (§ 14, stk. 2)");
        OK(t, "dissent \"Medlem 03\" \"Kan ikke tiltræde lokalplanen\"",
           "dissent of \"Medlem 03\" recorded for item 1");
        DENIED(t, "dissent \"Medlem 03\" \"Igen\"",
               "a dissent of \"Medlem 03\" is already recorded");
        assert_int_equal(cur(t)->items[0].ndissents, 1);
}

/* After a counted vote too, only a member who took part in the meeting and in the item's decision
 * may have a dissent recorded (seed 003/004 § 14, stk. 2). */
static void test_engine__dissent__counted_vote_needs_participant(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 14);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "inhabil \"Medlem 05\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=10 against=2 abstain=1", "M adopted 10-2-1");
        DENIED(t, "dissent \"Medlem 20\" \"Uenig\"",
               "only a member who took part in the meeting may have a dissent recorded, and "
               "\"Medlem 20\" did not attend (§ 14, stk. 2)");
        DENIED(t, "dissent \"Medlem 05\" \"Uenig\"",
               "\"Medlem 05\" was disqualified for item 1 and took no part in its decision "
               "(§ 14, stk. 2)");
        OK(t, "dissent \"Medlem 03\" \"Uenig\"", "dissent of \"Medlem 03\" recorded for item 1");
        assert_int_equal(cur(t)->items[0].ndissents, 1);
}

static void test_engine__dissent__minority_of_rejected_proposal(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=\"Medlem 03\" against=rest", "M rejected 1-12-0");
        OK(t, "done", NULL);
        DENIED(t, "dissent \"Medlem 04\" \"Uenig\"",
               "only a member in the minority may have a dissent recorded (§ 14, stk. 2)");
        OK(t, "dissent \"Medlem 03\" \"Ærgerligt\"",
           "dissent of \"Medlem 03\" recorded for item 1");
}

static void test_engine__dissent__kkr_refused(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        OK(t, "motion \"Planen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=rest against=\"Carl\"", "M adopted 5-1-0");
        DENIED(t, "dissent \"Carl\" \"Uenig\"",
               "this body's minutes record decisions only (§ 5, stk. 6)");
}

/* ---------- signing (§ 14, stk. 3) ---------- */

/* A meeting with two items decided, four attendees, then closed. */
static void closed_meeting(struct t *t, const char *profile)
{
        council(t, profile, 7, 7);
        OK(t, "item \"Lokalplan\"", NULL);
        present_first(t, 4);
        OK(t, "absent \"Medlem 05\" reason=\"ferie\"", NULL);
        OK(t, "open", "4 of 7 present, quorate (need 4); the agenda's dispatch was not recorded");
        OK(t, "take 1", NULL);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=rest", "M adopted 4-0-0");
        OK(t, "done", NULL);
        OK(t, "close", "meeting closed; the protocol is read out and signed by the 4 who attended");
}

static void test_engine__sign__member_who_did_not_attend_refused(void **state)
{
        struct t *t = *state;
        closed_meeting(t, "standard-2023");
        DENIED(t, "sign \"Medlem 05\"", "\"Medlem 05\" did not attend the meeting (§ 14, stk. 3)");
        DENIED(t, "sign \"Medlem 06\"", "\"Medlem 06\" did not attend the meeting (§ 14, stk. 3)");
        STATUS(t, "state: closed");
}

static void test_engine__sign__before_close_refused(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        DENIED(t, "sign \"Borgmester\"", "the meeting must be closed before it is signed");
}

static void test_engine__sign__last_attendee_locks(void **state)
{
        struct t *t = *state;
        closed_meeting(t, "lolland-2023");
        OK(t, "sign \"Borgmester\"", "\"Borgmester\" signed (1 of 4)");
        DENIED(t, "sign \"Borgmester\"", "\"Borgmester\" has already signed");
        OK(t, "sign \"Medlem 02\"", "\"Medlem 02\" signed (2 of 4)");
        OK(t, "sign \"Medlem 03\"", "\"Medlem 03\" signed (3 of 4)");
        STATUS(t, "state: closed");
        OK(t, "sign \"Medlem 04\"", "all who attended have signed; the protocol is locked");
        STATUS(t, "state: signed and locked");
        assert_int_equal(cur(t)->state, MS_LOCKED);
}

static void test_engine__sign__locked_meeting_refuses_every_action(void **state)
{
        struct t *t = *state;
        closed_meeting(t, "standard-2023");
        for (int i = 1; i <= 4; i++)
                assert_int_equal(runf(t, "sign \"%s\"", mname(i)), PK_OK);
        char *before = status_of(t);
        static const char *const lines[] = {
            "item \"Ny sag\"",
            "dispatched 2027-01-15",
            "present \"Medlem 05\"",
            "absent \"Medlem 06\"",
            "arrive \"Medlem 05\"",
            "leave \"Borgmester\"",
            "open",
            "resume",
            "close",
            "take 1",
            "move 1 to=1",
            "doors closed",
            "call-to-order \"Medlem 02\"",
            "deny-floor \"Medlem 02\"",
            "ruling \"Fortolkning\"",
            "ballot",
            "vote for=rest",
            "decision \"Ændret beslutning\"",
            "dissent \"Medlem 03\" \"Uenig\"",
            "sign \"Medlem 05\"",
            "sign \"Borgmester\"",
            "motion \"Nyt forslag\"",
            "urgent \"Haster\"",
            "inhabil \"Medlem 02\"",
            "substitute \"Medlem 06\" for \"Medlem 05\"",
        };
        for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
                DENIED(t, lines[i], "the protocol is signed and locked (§ 14, stk. 3)");
        char *after = status_of(t);
        assert_string_equal(before, after);
        assert_string_equal(cur(t)->items[0].decision ? cur(t)->items[0].decision : "", "");
        free(before);
        free(after);
}

static void test_engine__sign__kkr_chair_locks(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        OK(t, "motion \"Planen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=rest", NULL);
        OK(t, "done", NULL);
        OK(t, "close", "meeting closed; the chair approves the minutes");
        DENIED(t, "sign \"Anna\"", "the chair approves the minutes (§ 5, stk. 6)");
        OK(t, "sign \"Formand\"", "the chair has approved; the protocol is locked");
        STATUS(t, "state: signed and locked");
        DENIED(t, "sign \"Anna\"", "the protocol is signed and locked (§ 5, stk. 6)");
}

/* ---------- a refused action changes nothing ---------- */

static void test_engine__refusal__changes_nothing(void **state)
{
        struct t *t = *state;
        council(t, "standard-2023", 0, 25);
        OK(t, "item \"Lokalplan\"", NULL);
        OK(t, "item \"Skolestruktur\"", NULL);
        present_first(t, 13);
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "amend \"3 etager\"", NULL);
        OK(t, "amend \"2 etager\" to=A1", NULL);
        OK(t, "speaker \"Medlem 06\"", NULL);
        OK(t, "call-to-order \"Medlem 09\"", NULL);
        char *status0 = status_of(t);
        char *allowed0 = allowed_of(t);
        int present0 = engine_present(t->s, cur(t));
        int nsubjects0 = cur(t)->nsubjects;
        static const char *const refused[] = {
            "ballot M",                                   /* voting order */
            "ballot A1",                                  /* sub-amendment first */
            "deny-floor \"Medlem 09\"",                   /* one call only */
            "closure by=\"Medlem 02\",\"Medlem 03\"",     /* two demanders */
            "order-vote by=\"Medlem 02\"",                /* one demander */
            "decide",                                     /* nothing declared */
            "take 2",                                     /* item 1 under treatment */
            "sign \"Borgmester\"",                        /* meeting not closed */
            "speaker \"Medlem 06\"",                      /* already in line */
            "incompatible A1",                            /* nothing adopted */
            "dissent \"Medlem 03\" \"Uenig\"",            /* no vote yet */
            "substitute \"Medlem 14\" for \"Medlem 02\"", /* no substitutes */
            "item \"Personsag\" category=aid-to-individuals open",
            "close",         /* item under treatment */
            "vote for=rest", /* no ballot open */
        };
        for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
                enum pk_result r = run(t, refused[i]);
                if (r == PK_OK)
                        fail_msg("`%s` was accepted: %s", refused[i], sb_str(&t->msg));
                char *st = status_of(t);
                char *al = allowed_of(t);
                if (strcmp(st, status0) != 0)
                        fail_msg("`%s` changed the status:\n%s\nwas:\n%s", refused[i], st, status0);
                if (strcmp(al, allowed0) != 0)
                        fail_msg("`%s` changed the allowed list:\n%s\nwas:\n%s", refused[i], al,
                                 allowed0);
                free(st);
                free(al);
                assert_int_equal(engine_present(t->s, cur(t)), present0);
                assert_int_equal(cur(t)->nsubjects, nsubjects0);
                assert_int_equal(cur(t)->nballots, 0);
                assert_int_equal(cur(t)->nitems, 2);
        }
        /* refusals during an open ballot */
        OK(t, "ballot", "ballot on A1.1 (sub-amendment)");
        char *status1 = status_of(t);
        static const char *const refused_in_ballot[] = {
            "vote for=\"Medlem 14\"",                 /* not present */
            "vote for=\"Borgmester\",\"Borgmester\"", /* named twice */
            "vote for=20",                            /* more votes than voters */
            "leave \"Medlem 02\"",                    /* ballot open */
            "inhabil \"Medlem 02\"",                  /* ballot open */
            "take 2",
            "ballot",
        };
        for (size_t i = 0; i < sizeof refused_in_ballot / sizeof refused_in_ballot[0]; i++) {
                enum pk_result r = run(t, refused_in_ballot[i]);
                if (r == PK_OK)
                        fail_msg("`%s` was accepted: %s", refused_in_ballot[i], sb_str(&t->msg));
                char *st = status_of(t);
                if (strcmp(st, status1) != 0)
                        fail_msg("`%s` changed the status:\n%s\nwas:\n%s", refused_in_ballot[i], st,
                                 status1);
                free(st);
                assert_int_equal(cur(t)->nballots, 1);
                assert_true(cur(t)->ballots[0].open);
                assert_int_equal(engine_present(t->s, cur(t)), present0);
        }
        free(status1);
        free(status0);
        free(allowed0);
}

/* ---------- status and the allowed list ---------- */

static void test_engine__status__shows_the_meeting(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "amend \"3 etager\"", NULL);
        OK(t, "amend \"2 etager\" to=A1", NULL);
        OK(t, "speaker \"Medlem 06\"", NULL);
        OK(t, "speaker \"Medlem 07\"", NULL);
        OK(t, "next", "\"Medlem 06\" has the floor");
        OK(t, "call-to-order \"Medlem 09\"", NULL);
        char *st = status_of(t);
        HAS_LINE(st, "body: Byrådet (lolland-2023)");
        HAS_LINE(st, "meeting: 1 2027-01-21 16:00");
        HAS_LINE(st, "state: open");
        HAS_LINE(st, "item: 1 Lokalplan for havnen (debate)");
        HAS_LINE(st, "doors: open");
        HAS_LINE(st, "present: 13 of 25");
        HAS_LINE(st, "quorum: yes (need 13)");
        HAS_LINE(st, "speaker: Medlem 06");
        HAS_LINE(st, "speakers-waiting: Medlem 07");
        HAS_LINE(st, "next-ballot: A1.1 (sub-amendment)");
        HAS_LINE(st, "calls-to-order: Medlem 09 1");
        free(st);
}

static void test_engine__allowed__ballot_not_quorate(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 12);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        char *al = allowed_of(t);
        HAS_LINE(al, "denied: ballot: not quorate: 12 of 25 present, 13 needed (§ 4, stk. 1)");
        HAS_LINE(al, "denied: motion: the item already has a main proposal (M)");
        HAS_LINE(al, "allowed: amend");
        free(al);
        OK(t, "arrive \"Medlem 13\"", NULL);
        al = allowed_of(t);
        HAS_LINE(al, "allowed: ballot (next: M, main proposal)");
        free(al);
}

static void test_engine__allowed__ballot_not_quorate_lolland(void **state)
{
        struct t *t = *state;
        council_item(t, "lolland-2023", 12);
        char *al = allowed_of(t);
        HAS_LINE(al, "denied: ballot: not quorate: 12 of 25 present, 13 needed (§ 4)");
        free(al);
}

static void test_engine__allowed__lists_rule_refusals(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        char *al = allowed_of(t);
        HAS_LINE(al, "denied: order-vote: the chair decides the order of items (§ 5, stk. 8)");
        HAS_LINE(al, "denied: declare: this body decides by a vote: no outcome is declared without "
                     "one (§ 5, stk. 9)");
        HAS_LINE(al, "allowed: closure");
        free(al);
}

/* ---------- refusals name the rule they rest on ---------- */

static void test_engine__cite__closure_first_rests_on_the_closure_rule(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "closure", NULL);
        DENIED(
            t, "ballot M",
            "C1 (closure of the debate) is voted first, as soon as it is proposed (§ 4, stk. 5)");
        assert_int_equal(t->rule, R_CLOSURE_DEMAND);
}

static void test_engine__cite__several_seats_by_majority_rest_on_proportional_election(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        DENIED(t, "election \"Udvalg\" method=majority seats=2",
               "a majority election fills one seat; several are filled by a proportional "
               "election (§ 13, stk. 1)");
        assert_int_equal(t->rule, R_ELECTION_PROPORTIONAL);
}

static void test_engine__cite__kkr_several_seats_cite_the_kkr_rule(void **state)
{
        struct t *t = *state;
        kkr_item(t);
        assert_int_equal(run(t, "election \"Repræsentanter\" method=majority seats=2"), PK_DENIED);
        assert_int_equal(t->rule, R_ELECTION_PROPORTIONAL);
        char want[64];
        snprintf(want, sizeof want, "(%s)", t->p.rules[R_ELECTION_PROPORTIONAL].cite);
        assert_non_null(strstr(sb_str(&t->msg), want));
}

static void test_engine__cite__a_plain_precondition_rests_on_no_rule(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        DENIED(t, "vote for=10", "no ballot is open: open one with ballot");
        assert_int_equal(t->rule, R__COUNT);
}

/* The paraphrase under a refusal in the rulings view is the refusing rule's own: decide
 * refused because no outcome was declared rests on the beyond-doubt rule, not on quorum. */
static void test_engine__allowed__paraphrase_is_the_refusing_rules(void **state)
{
        struct t *t = *state;
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        struct pk_verdict vd[V__COUNT];
        engine_allowed_set(t->s, vd);
        assert_false(vd[V_DECIDE].allowed);
        assert_int_equal(vd[V_DECIDE].rule, R_BEYOND_DOUBT);
        assert_string_equal(vd[V_DECIDE].cite, t->p.rules[R_BEYOND_DOUBT].cite);
        assert_true(vd[V_BALLOT].allowed);
        engine_verdicts_free(vd);
        struct sb out = {0};
        engine_allowed(t->s, true, &out);
        const char *d = strstr(sb_str(&out), "denied: decide: ");
        assert_non_null(d);
        const char *nl = strchr(d, '\n');
        assert_non_null(nl);
        char want[600];
        snprintf(want, sizeof want, "  %s\n", profile_rule_text(&t->p, R_BEYOND_DOUBT));
        assert_int_equal(strncmp(nl + 1, want, strlen(want)), 0);
        sb_free(&out);
}

/* ---------- every rule of the profile is read: each value changes what happens ---------- */

static void set_rule(struct t *t, enum rule_id r, const char *val, int ival)
{
        t->set = true;
        t->set_rule = r;
        t->set_val = val;
        t->set_ival = ival;
}

/* A KKR whose members include a mayor beside the chair; a named vote ties 3 to 3, the chair
 * for and the mayor against. Returns whether the proposal was adopted. */
static bool leader_tie(struct t *t)
{
        kkr(t);
        OK(t, "member \"Borgmester\" party=C role=mayor", NULL);
        OK(t, "item \"Regional erhvervsplan\"", NULL);
        OK(t, "present all", NULL);
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
        OK(t, "motion \"Planen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        OK(t,
           "vote for=\"Formand\",\"Anna\",\"Carl\" against=\"Borgmester\",\"Eva\",\"Gert\" "
           "abstain=rest",
           NULL);
        const struct meeting *m = cur(t);
        return m->ballots[m->nballots - 1].adopted;
}

static void test_engine__rule_leader__chair_leads(void **state)
{
        struct t *t = *state;
        assert_true(leader_tie(t)); /* kkr-2026: leader = chair, whose vote for decides */
        enum role r[4];
        engine_leader_roles(&t->p, r);
        assert_int_equal(r[0], ROLE_CHAIR);
        assert_int_equal(engine_meeting_leader(t->s, cur(t)), 0);
}

static void test_engine__rule_leader__mayor_leads(void **state)
{
        struct t *t = *state;
        set_rule(t, R_LEADER, "mayor", 1);
        assert_false(leader_tie(t)); /* the mayor leads, and voted against */
        assert_string_equal(t->s->members[engine_meeting_leader(t->s, cur(t))].name, "Borgmester");
}

/* Two members ask for the floor; the chair gives it to the second first. */
static enum pk_result speakers_out_of_order(struct t *t)
{
        council_item(t, "standard-2023", 13);
        OK(t, "speaker \"Medlem 05\"", NULL);
        OK(t, "speaker \"Medlem 06\"", NULL);
        return run(t, "next \"Medlem 06\"");
}

static void test_engine__rule_speakers__request_order(void **state)
{
        struct t *t = *state;
        assert_int_equal(speakers_out_of_order(t), PK_DENIED);
        assert_int_equal(t->rule, R_SPEAKERS);
        assert_string_equal(sb_str(&t->msg), "the floor is given in the order it was asked for: "
                                             "\"Medlem 05\" is first in line (§ 4, stk. 3)");
        OK(t, "next", "\"Medlem 05\" has the floor");
}

static void test_engine__rule_speakers__chair_chooses(void **state)
{
        struct t *t = *state;
        set_rule(t, R_SPEAKERS, "chair", 0);
        assert_int_equal(speakers_out_of_order(t), PK_OK);
        assert_string_equal(sb_str(&t->msg), "\"Medlem 06\" has the floor");
        OK(t, "next", "\"Medlem 05\" has the floor");
        DENIED(t, "next \"Medlem 05\"", "no one has asked for the floor");
}

/* 13 present: 5 for, 3 against, 5 abstaining. */
static bool majority_5_3_5(struct t *t)
{
        council_item(t, "standard-2023", 13);
        OK(t, "motion \"Lokalplanen vedtages\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=5 against=3 abstain=5", NULL);
        const struct meeting *m = cur(t);
        return m->ballots[m->nballots - 1].adopted;
}

static void test_engine__rule_majority__votes_cast(void **state)
{
        struct t *t = *state;
        assert_true(majority_5_3_5(t)); /* abstentions are not cast votes */
}

static void test_engine__rule_majority__members_present(void **state)
{
        struct t *t = *state;
        set_rule(t, R_MAJORITY, "members-present", 1);
        assert_false(majority_5_3_5(t)); /* 5 is not more than half of 13 */
}

/* ---------- seats over time (rules/seats.c) ---------- */

/* A council of five with a substitute on V's list, and meeting 1 (2027-02-01) held and signed
 * with everyone present, its item 1 adopting a leave for Bo. */
static void seats_council(struct t *t)
{
        OK(t, "body \"Nyby\" profile=lolland-2023 seats=5", NULL);
        OK(t, "member \"Anna\" party=A role=mayor", NULL);
        OK(t, "member \"Bo\" party=V", NULL);
        OK(t, "member \"Carl\" party=F", NULL);
        OK(t, "member \"Dina\" party=A", NULL);
        OK(t, "member \"Emil\" party=V", NULL);
        OK(t, "member \"Finn\" party=V rank=1",
           "substitute \"Finn\" registered, number 1 on the list of V");
        OK(t, "meeting 2027-02-01 16:00", NULL);
        OK(t, "item \"Orlov\"", NULL);
        OK(t, "present all", "5 of 5 present");
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
        OK(t, "motion \"Orlov bevilges\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=party:V against=rest", "M rejected 2-3-0");
        OK(t, "done", NULL);
        OK(t, "close", NULL);
        for (const char *const *n = (const char *const[]){"Anna", "Bo", "Carl", "Dina", "Emil", 0};
             *n; n++)
                runf(t, "sign \"%s\"", *n);
}

/* A leave needs an item the council decided, not one whose proposal it rejected; from its first
 * day the substitute holds the seat: counted for quorum and in a party vote, the member refused. */
static void test_engine__seats__leave_moves_the_seat_to_the_substitute(void **state)
{
        struct t *t = *state;
        seats_council(t);
        /* meeting 1's proposal was rejected; the body's meeting 1 is signed, so the record
         * names it */
        DENIED(t, "on-leave \"Bo\" from=2027-03-01 decided=1 meeting=1",
               "the proposal of item 1 was rejected (§ 15, stk. 2 og 4, styrelsesloven)");
        OK(t, "meeting 2027-02-15 16:00", NULL);
        OK(t, "item \"Orlov\"", NULL);
        OK(t, "present all", "5 of 5 present");
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
        OK(t, "motion \"Orlov bevilges\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=rest", "M adopted 5-0-0");
        OK(t, "on-leave \"Bo\" from=2027-03-01 decided=1",
           "\"Bo\" on leave from 2027-03-01: substitute \"Finn\" holds the seat");
        OK(t, "done", NULL);
        OK(t, "close", NULL);
        OK(t, "meeting 2027-03-08 16:00", NULL);
        OK(t, "item \"Budget\"", NULL);
        DENIED(t, "present \"Bo\"",
               "\"Bo\" is on leave from 2027-03-01: \"Finn\" holds the seat (§ 15, stk. 2 og 4, "
               "styrelsesloven)");
        OK(t, "present all", "5 of 5 present");
        STATUS(t, "present: 5 of 5");
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
        OK(t, "motion \"Budget godkendes\"", NULL);
        OK(t, "ballot", NULL);
        /* V that day: Emil and Finn (for Bo) */
        OK(t, "vote for=party:V against=rest", "M rejected 2-3-0");
        const struct meeting *m = engine_current_meeting(t->s);
        int finn = 5, bo = 1;
        assert_string_equal(t->s->members[finn].name, "Finn");
        assert_int_equal(m->att[finn].seat_of, bo);
        assert_true(engine_seated(t->s, m, finn));
        assert_false(engine_seated(t->s, m, bo));
        assert_int_equal(engine_leave_sub_at(t->s, finn, m->date), 0);
}

/* Parties and roles are those of each meeting's date: a party change and a new term leave the
 * earlier meetings as they were held. */
static void test_engine__seats__party_and_term_keep_the_past(void **state)
{
        struct t *t = *state;
        seats_council(t);
        DENIED(t, "party \"Carl\" party=LG from=2027-02-01",
               "the meeting of 2027-02-01 is closed and keeps the register it was held with: the "
               "change must be from a later date");
        OK(t, "party \"Carl\" party=LG from=2027-02-10", "\"Carl\" is of LG from 2027-02-10");
        OK(t, "term 2027-06-01", NULL);
        OK(t, "member \"Emil\" party=V role=mayor", "member \"Emil\" (V, mayor) registered");
        OK(t, "member \"Carl\" party=LG", NULL);
        OK(t, "member \"Ny\" party=A", NULL);
        OK(t, "meeting 2027-06-14 16:00", NULL);
        OK(t, "item \"Valg\"", NULL);
        OK(t, "present all", "3 of 5 present");
        const struct pk_state *s = t->s;
        pk_day held;
        cal_parse("2027-02-01", &held);
        int carl = 2, emil = 4, anna = 0;
        assert_string_equal(engine_party_at(s, carl, held), "F");
        assert_string_equal(engine_party_at(s, carl, s->meetings[1].date), "LG");
        assert_int_equal(engine_role_at(s, emil, held), ROLE_MEMBER);
        assert_int_equal(engine_role_at(s, emil, s->meetings[1].date), ROLE_MAYOR);
        assert_int_equal(engine_meeting_leader(s, &s->meetings[0]), anna);
        assert_false(engine_own_seat_at(s, anna, s->meetings[1].date));
        assert_true(engine_own_seat_at(s, anna, held));
        assert_int_equal(engine_seats_at(s, 0, held), 5);
}

/* Every change of the register is an event of the body (meeting 0), replayed whichever
 * meetings are archived later, though recorded while a meeting is current. */
static void test_engine__seats__changes_belong_to_the_body(void **state)
{
        struct t *t = *state;
        OK(t, "body \"KKR\" profile=kkr-2026 seats=3", NULL);
        OK(t, "member \"Anna\" party=A role=chair substitute=\"Sub Anna\"", NULL);
        OK(t, "member \"Bo\" party=V", NULL);
        OK(t, "member \"Carl\" party=F role=mayor", NULL);
        OK(t, "meeting 2027-01-21 16:00", NULL);
        OK(t, "item \"Forfald\"", NULL);
        OK(t, "present all", NULL);
        OK(t, "open", NULL);
        OK(t, "take 1", NULL);
        OK(t, "motion \"Betingelserne er til stede\"", NULL);
        OK(t, "ballot", NULL);
        OK(t, "vote for=rest", NULL);
        assert_int_equal(t->s->event_meeting, 1);
        const char *lines[] = {
            "new-substitute \"Bo\" substitute=\"Sub Bo\"",
            "on-leave \"Anna\" from=2027-02-01 until=2027-06-01 decided=1",
            "return \"Anna\" date=2027-05-01",
            "party \"Carl\" party=LG from=2027-02-01",
            "role \"Bo\" role=vice-chair from=2027-02-01",
            "vacancy \"Sub Bo\" from=2027-02-01",
            "vacancy \"Bo\" from=2027-03-01 successor=\"Dina\"",
            "correct member \"Dina\" party=V",
            "term 2027-06-01",
            "member \"Anna\" party=A role=chair",
        };
        for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
                if (run(t, lines[i]) != PK_OK)
                        fail_msg("`%s`: %s", lines[i], sb_str(&t->msg));
                if (t->s->event_meeting != 0)
                        fail_msg("`%s` belongs to meeting %d, not to the body", lines[i],
                                 t->s->event_meeting);
        }
        OK(t, "done", NULL);
        assert_int_equal(t->s->event_meeting, 1);
}

/* A vacancy: the next substitute of the list enters for good, from the date on. */
static void test_engine__seats__vacancy_takes_the_next_of_the_list(void **state)
{
        struct t *t = *state;
        seats_council(t);
        ERR(t, "vacancy \"Emil\"", "vacancy needs from=YYYY-MM-DD");
        OK(t, "vacancy \"Emil\" from=2027-03-01",
           "\"Emil\" leaves the seat from 2027-03-01: \"Finn\" enters in their place");
        DENIED(t, "vacancy \"Emil\" from=2027-04-01", "\"Emil\" holds no seat on 2027-04-01");
        OK(t, "meeting 2027-03-08 16:00", NULL);
        OK(t, "item \"Budget\"", NULL);
        DENIED(t, "present \"Emil\"", "\"Emil\" holds no seat on 2027-03-08");
        OK(t, "present all", "5 of 5 present");
        const struct meeting *m = engine_current_meeting(t->s);
        assert_int_equal(m->att[5].seat_of, -1); /* Finn sits in his own seat now */
        assert_true(engine_seated(t->s, m, 5));
}

int main(void)
{
        const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
            T(test_engine__cite__closure_first_rests_on_the_closure_rule),
            T(test_engine__rule_leader__chair_leads),
            T(test_engine__rule_leader__mayor_leads),
            T(test_engine__rule_speakers__request_order),
            T(test_engine__rule_speakers__chair_chooses),
            T(test_engine__rule_majority__votes_cast),
            T(test_engine__rule_majority__members_present),
            T(test_engine__cite__several_seats_by_majority_rest_on_proportional_election),
            T(test_engine__cite__kkr_several_seats_cite_the_kkr_rule),
            T(test_engine__cite__a_plain_precondition_rests_on_no_rule),
            T(test_engine__allowed__paraphrase_is_the_refusing_rules),
            T(test_engine__ballot__not_quorate_12_of_25_standard),
            T(test_engine__ballot__not_quorate_12_of_25_lolland),
            T(test_engine__ballot__quorate_13_of_25),
            T(test_engine__open__reports_not_quorate),
            T(test_engine__ballot__quorum_11_of_22),
            T(test_engine__ballot__quorum_28_of_55_counts_vacant_seats),
            T(test_engine__inhabil__not_counted_in_quorum),
            T(test_engine__vote__disqualified_member_cannot_vote),
            T(test_engine__vote__party_leaves_out_disqualified_member),
            T(test_engine__vote__council_tie_not_adopted),
            T(test_engine__vote__council_tie_counted_chair_option_ignored),
            T(test_engine__vote__kkr_tie_chair_for_adopted),
            T(test_engine__vote__kkr_tie_chair_against_rejected),
            T(test_engine__vote__kkr_tie_chair_abstains_not_adopted),
            T(test_engine__vote__kkr_tie_counted_with_chair_option),
            T(test_engine__vote__kkr_tie_counted_without_chair_not_adopted),
            T(test_engine__vote__abstentions_are_not_votes_cast),
            T(test_engine__vote__more_votes_than_voters_refused),
            T(test_engine__ballot__sub_amendment_before_amendment_before_main),
            T(test_engine__ballot__sub_amendment_first_lolland),
            T(test_engine__ballot__chair_chooses_among_sibling_amendments),
            T(test_engine__rank__chair_orders_sibling_amendments),
            T(test_engine__ballot__procedural_proposal_first),
            T(test_engine__ballot__procedural_adopted_ends_item),
            T(test_engine__ballot__closure_voted_before_any_subject),
            T(test_engine__ballot__deny_floor_voted_before_any_subject),
            T(test_engine__ballot__order_vote_before_any_subject),
            T(test_engine__ballot__kkr_chair_orders_main_before_amendment),
            T(test_engine__ballot__kkr_procedural_not_forced_first),
            T(test_engine__postpone__pending_denial_of_floor_not_dropped),
            T(test_engine__amend__refused_once_voting_has_begun),
            T(test_engine__amend__closure_ballot_does_not_begin_voting),
            T(test_engine__amend__kkr_after_voting_begun_allowed),
            T(test_engine__incompatible__lapse_after_adopted_amendment),
            T(test_engine__deny_floor__after_one_call_refused),
            T(test_engine__deny_floor__after_two_calls_voted),
            T(test_engine__deny_floor__rejected_keeps_the_floor),
            T(test_engine__deny_floor__kkr_chair_decides),
            T(test_engine__closure__two_members_refused),
            T(test_engine__closure__three_members_then_speaker_refused),
            T(test_engine__closure__kkr_chair_closes),
            T(test_engine__order_vote__two_members_refused),
            T(test_engine__order_vote__two_members_refused_lolland),
            T(test_engine__order_vote__rejected_restores_agenda_order),
            T(test_engine__order_vote__rejected_order_binds_take),
            T(test_engine__order_vote__adopted_keeps_order),
            T(test_engine__order_vote__kkr_refused),
            T(test_engine__decide__declared_outcome),
            T(test_engine__decide__refused_after_demand),
            T(test_engine__decide__needs_quorum),
            T(test_engine__declare__kkr_refused),
            T(test_engine__ballot__first_reading_votes_passing_only),
            T(test_engine__ballot__first_reading_lolland_amendment_refused),
            T(test_engine__item__kkr_has_no_two_readings),
            T(test_engine__item__budget_needs_two_readings),
            T(test_engine__item__budget_needs_two_readings_lolland),
            T(test_engine__item__second_reading_24_hours_lolland),
            T(test_engine__item__second_reading_24_hours_by_case_lolland),
            T(test_engine__item__second_reading_same_meeting_lolland),
            T(test_engine__item__second_reading_budget_three_weeks_lolland),
            T(test_engine__item__second_reading_bylaws_six_days_lolland),
            T(test_engine__item__second_reading_standard_no_interval),
            T(test_engine__item__late_member_proposal_council),
            T(test_engine__item__member_proposal_on_deadline_day),
            T(test_engine__item__late_member_proposal_kkr),
            T(test_engine__dispatched__lolland_on_time),
            T(test_engine__dispatched__lolland_late),
            T(test_engine__dispatched__standard_late_needs_urgent),
            T(test_engine__dispatched__extraordinary_has_no_deadlines),
            T(test_engine__dispatched__standard_late_election_and_postponement),
            T(test_engine__dispatched__standard_on_time),
            T(test_engine__dispatched__kkr_seven_days),
            T(test_engine__item__lolland_real_estate_closed_by_default),
            T(test_engine__item__standard_aid_to_individuals_cannot_be_open),
            T(test_engine__item__unknown_category_is_line_error),
            T(test_engine__take__closed_item_closes_the_doors),
            T(test_engine__take__next_item_leaves_closed_items_last),
            T(test_engine__doors__lolland_council_may_open_closed_item),
            T(test_engine__doors__kkr_cannot_open),
            T(test_engine__substitute__kkr_takes_the_seat_and_votes),
            T(test_engine__substitute__kkr_refused_while_member_present),
            T(test_engine__substitute__kkr_refused_for_another_member),
            T(test_engine__substitute__council_refused),
            T(test_engine__substitute__lolland_refused),
            T(test_engine__dissent__only_minority),
            T(test_engine__dissent__counted_vote_needs_participant),
            T(test_engine__dissent__minority_of_rejected_proposal),
            T(test_engine__dissent__kkr_refused),
            T(test_engine__sign__member_who_did_not_attend_refused),
            T(test_engine__sign__before_close_refused),
            T(test_engine__sign__last_attendee_locks),
            T(test_engine__sign__locked_meeting_refuses_every_action),
            T(test_engine__sign__kkr_chair_locks),
            T(test_engine__refusal__changes_nothing),
            T(test_engine__status__shows_the_meeting),
            T(test_engine__allowed__ballot_not_quorate),
            T(test_engine__allowed__ballot_not_quorate_lolland),
            T(test_engine__allowed__lists_rule_refusals),
            T(test_engine__seats__leave_moves_the_seat_to_the_substitute),
            T(test_engine__seats__party_and_term_keep_the_past),
            T(test_engine__seats__vacancy_takes_the_next_of_the_list),
            T(test_engine__seats__changes_belong_to_the_body),
#undef T
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
