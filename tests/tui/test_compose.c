/*
 * test_compose.c - unit tests of the script lines the terminal UI builds
 * (src/tui/compose.c): quoting of names, the `vote` line of a named vote, and the
 * voting order the current item's pane numbers. Each line is checked by what the action
 * layer does with it: it is executed with app_exec on a scratch database, and the test
 * states the ok text the secretary would see. Also the UI's text in any locale (UTF-8
 * in and out, ASCII stand-ins where the locale is not UTF-8) and the deadlines it lists.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/tui/tui_int.h"
#include "protokol/app.h"
#include "protokol/script.h"

#ifndef SRCDIR
#error "build with -DSRCDIR=\"/path/to/repository\""
#endif

struct t {
        char dir[64];
        char db[128];
        struct app *app;
        struct sb out;
};

static int setup(void **state)
{
        struct t *t = calloc(1, sizeof *t);
        if (!t)
                return -1;
        snprintf(t->dir, sizeof t->dir, "/tmp/pk-tui-XXXXXX");
        if (!mkdtemp(t->dir))
                return -1;
        snprintf(t->db, sizeof t->db, "%s/t.db", t->dir);
        setenv("PROTOKOL_PROFILES", SRCDIR "/assets/profiles", 1);
        setenv("PROTOKOL_NOW", "2027-01-21T16:00:00", 1);
        struct pk_err err = {0};
        if (app_open(t->db, false, &t->app, &err) < 0)
                return -1;
        *state = t;
        return 0;
}

static int teardown(void **state)
{
        struct t *t = *state;
        app_close(&t->app);
        sb_free(&t->out);
        char p[200];
        snprintf(p, sizeof p, "%s-wal", t->db);
        unlink(p);
        snprintf(p, sizeof p, "%s-shm", t->db);
        unlink(p);
        snprintf(p, sizeof p, "%s.lock", t->db);
        unlink(p);
        unlink(t->db);
        rmdir(t->dir);
        free(t);
        return 0;
}

/* Runs a line; returns its result text ("ok: ...", "denied: ..."). */
static const char *run(struct t *t, const char *line)
{
        sb_clear(&t->out);
        app_exec(t->app, line, strlen(line), 1, &t->out);
        return sb_str(&t->out);
}

static void must(struct t *t, const char *line)
{
        const char *r = run(t, line);
        if (strncmp(r, "ok: ", 4)) {
                fprintf(stderr, "%s\n  -> %s\n", line, r);
                fail();
        }
}

/* A council of 7 in two big parties and three small ones; item 1 under treatment. */
static void council(struct t *t)
{
        static const char *lines[] = {
            "body \"Lolland Kommune\" profile=lolland-2023 seats=7",
            "member \"Karen Holm\" party=A role=mayor",
            "member \"Jens \\\"Jensen\\\" Berg\" party=A role=deputy",
            "member \"Mette Lund\" party=V",
            "member \"Ole Friis\" party=V",
            "member \"Sara Kjær\" party=F",
            "member \"Peter Dam\" party=Ø",
            "member \"Lise Krog\" party=C",
            "meeting 2027-01-21 16:00",
            "item \"Lokalplan for havnen\"",
            ("present \"Karen Holm\" \"Jens \\\"Jensen\\\" Berg\" \"Mette Lund\" \"Ole Friis\" "
             "\"Sara Kjær\" \"Peter Dam\""),
            "absent \"Lise Krog\" reason=\"ferie\"",
            "open",
            "take 1",
            "motion \"Lokalplanen vedtages\"",
        };
        for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
                must(t, lines[i]);
}

static int member(struct t *t, const char *name)
{
        const struct pk_state *s = app_state(t->app);
        for (int i = 0; i < s->nmembers; i++)
                if (!strcmp(s->members[i].name, name))
                        return i;
        fail_msg("no member %s", name);
        return -1;
}

/* ---------- quoting ---------- */

static void tui__quote__quotes_and_backslashes_round_trip(void **state)
{
        (void)state;
        struct sb b = {0};
        sb_add(&b, "speaker ");
        script_quote(&b, "Kim \"Kimse\" Bak \\ Ø");
        assert_string_equal(sb_str(&b), "speaker \"Kim \\\"Kimse\\\" Bak \\\\ Ø\"");
        struct action a;
        struct pk_err err = {0};
        assert_int_equal(script_parse_line(b.s, b.len, &a, &err), SP_ACTION);
        assert_int_equal(a.npos, 1);
        assert_string_equal(a.pos[0].text, "Kim \"Kimse\" Bak \\ Ø");
        action_free(&a);
        sb_free(&b);
}

static void tui__member_line__names_a_member_with_quotes(void **state)
{
        struct t *t = *state;
        council(t);
        struct sb b = {0};
        tui_member_line(&b, "speaker", app_state(t->app), member(t, "Jens \"Jensen\" Berg"));
        assert_string_equal(sb_str(&b), "speaker \"Jens \\\"Jensen\\\" Berg\"");
        assert_string_equal(run(t, sb_str(&b)),
                            "ok: \"Jens \"Jensen\" Berg\" asks for the floor (1 in line)");
        sb_free(&b);
}

/* ---------- the vote line ---------- */

static enum vote_choice *choices(struct t *t)
{
        return calloc((size_t)app_state(t->app)->nmembers + 1, sizeof(enum vote_choice));
}

static void tui__vote_line__party_line_names_parties_only(void **state)
{
        struct t *t = *state;
        council(t);
        must(t, "ballot");
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = engine_current_meeting(s);
        enum vote_choice *c = choices(t);
        for (int k = 0; k < s->nmembers; k++)
                c[k] = !strcmp(s->members[k].party, "A") ? VC_FOR : VC_AGAINST;
        struct sb line = {0};
        int voters = tui_vote_line(s, m, &m->ballots[m->open_ballot], c, &line);
        assert_int_equal(voters, 6);
        /* Lise Krog (C) is absent: party C is not named */
        assert_string_equal(sb_str(&line), "vote for=party:A against=party:V,party:F,party:Ø");
        assert_string_equal(run(t, sb_str(&line)), "ok: M rejected 2-4-0");
        sb_free(&line);
        free(c);
}

static void tui__vote_line__a_member_who_breaks_ranks_is_named(void **state)
{
        struct t *t = *state;
        council(t);
        must(t, "ballot");
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = engine_current_meeting(s);
        enum vote_choice *c = choices(t);
        c[member(t, "Karen Holm")] = VC_FOR;
        c[member(t, "Jens \"Jensen\" Berg")] = VC_AGAINST;
        c[member(t, "Mette Lund")] = VC_FOR;
        c[member(t, "Ole Friis")] = VC_FOR;
        c[member(t, "Sara Kjær")] = VC_ABSTAIN;
        c[member(t, "Peter Dam")] = VC_AGAINST;
        struct sb line = {0};
        tui_vote_line(s, m, &m->ballots[m->open_ballot], c, &line);
        /* A splits 1-1: the party goes for (for wins a tie), Jens is the exception */
        assert_string_equal(sb_str(&line), "vote for=party:A,party:V against=\"Jens \\\"Jensen\\\" "
                                           "Berg\",party:Ø abstain=party:F");
        assert_string_equal(run(t, sb_str(&line)), "ok: M adopted 3-2-1");
        sb_free(&line);
        free(c);
}

static void tui__vote_deviators__names_who_differ_from_their_party(void **state)
{
        struct t *t = *state;
        council(t);
        must(t, "ballot");
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = engine_current_meeting(s);
        enum vote_choice *c = choices(t);
        c[member(t, "Karen Holm")] = VC_FOR;
        c[member(t, "Jens \"Jensen\" Berg")] = VC_AGAINST;
        c[member(t, "Mette Lund")] = VC_FOR;
        c[member(t, "Ole Friis")] = VC_FOR;
        c[member(t, "Sara Kjær")] = VC_ABSTAIN;
        c[member(t, "Peter Dam")] = VC_AGAINST;
        struct sb d = {0};
        /* the same majority as the vote line: Jens is the one who differs */
        assert_int_equal(tui_vote_deviators(s, m, &m->ballots[m->open_ballot], c, &d), 1);
        assert_string_equal(sb_str(&d), "Jens \"Jensen\" Berg (A) against");
        /* a party line: no one differs */
        c[member(t, "Jens \"Jensen\" Berg")] = VC_FOR;
        sb_clear(&d);
        assert_int_equal(tui_vote_deviators(s, m, &m->ballots[m->open_ballot], c, &d), 0);
        assert_string_equal(sb_str(&d), "");
        sb_free(&d);
        free(c);
}

static void tui__fold__case_and_accents_aside(void **state)
{
        (void)state;
        char b[64];
        pk_fold("Ørjan Ærø Åkjær", b, sizeof b);
        assert_string_equal(b, "orjan aero akjaer");
        assert_true(pk_fold_prefix("Ørjan Hansen", "ørj"));
        assert_true(pk_fold_prefix("Ørjan Hansen", "orj"));
        assert_true(pk_fold_prefix("Ørjan Hansen", "ORJ"));
        assert_true(pk_fold_prefix("Ørjan Hansen", ""));
        assert_false(pk_fold_prefix("Ørjan Hansen", "han"));
        assert_false(pk_fold_prefix("Bo", "bob"));
        /* a small buffer is cut, never overrun */
        pk_fold("Ørjan", b, 3);
        assert_string_equal(b, "or");
}

static void tui__vote_line__members_not_set_abstain(void **state)
{
        struct t *t = *state;
        council(t);
        must(t, "ballot");
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = engine_current_meeting(s);
        enum vote_choice *c = choices(t);
        c[member(t, "Karen Holm")] = VC_FOR;
        c[member(t, "Mette Lund")] = VC_AGAINST;
        struct sb line = {0};
        tui_vote_line(s, m, &m->ballots[m->open_ballot], c, &line);
        /* Jens (A) and Ole (V) were not set: named as abstaining, not swept into their party */
        assert_string_equal(run(t, sb_str(&line)),
                            "ok: M rejected 1-1-4 (a tie is not a majority)");
        sb_free(&line);
        free(c);
}

static void tui__may_vote__a_disqualified_member_is_left_out(void **state)
{
        struct t *t = *state;
        council(t);
        must(t, "inhabil \"Sara Kjær\"");
        must(t, "ballot");
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = engine_current_meeting(s);
        const struct ballot *b = &m->ballots[m->open_ballot];
        assert_false(tui_may_vote(s, m, b, member(t, "Sara Kjær")));
        assert_false(tui_may_vote(s, m, b, member(t, "Lise Krog")));
        assert_true(tui_may_vote(s, m, b, member(t, "Peter Dam")));
        enum vote_choice *c = choices(t);
        for (int k = 0; k < s->nmembers; k++)
                c[k] = VC_FOR;
        struct sb line = {0};
        assert_int_equal(tui_vote_line(s, m, b, c, &line), 5);
        assert_string_equal(sb_str(&line), "vote for=party:A,party:V,party:Ø");
        assert_string_equal(run(t, sb_str(&line)), "ok: M adopted 5-0-0");
        sb_free(&line);
        free(c);
}

/* ---------- the voting order ---------- */

static void tui__voting_order__follows_the_engine_ballot_by_ballot(void **state)
{
        struct t *t = *state;
        council(t);
        must(t, "amend \"Tre etager\"");
        must(t, "amend \"Fire etager\"");
        must(t, "amend \"Kun to etager\" to=A1");
        must(t, "procedural \"Udsættes\" kind=postpone");
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = engine_current_meeting(s);
        int order[16];
        int n = tui_voting_order(s, m, order, 16);
        assert_int_equal(n, 5);
        const char *want[] = {"P1", "A1.1", "A1", "A2", "M"};
        for (int i = 0; i < n; i++)
                assert_string_equal(m->subjects[order[i]].id, want[i]);
        /* the engine opens them in that order (P1 rejected, the rest adopted) */
        for (int i = 0; i < n; i++) {
                char expect[64];
                snprintf(expect, sizeof expect, "ok: ballot on %s", want[i]);
                const char *r = run(t, "ballot");
                assert_memory_equal(r, expect, strlen(expect));
                must(t, i == 0 ? "vote against=rest" : "vote for=rest");
                m = engine_current_meeting(app_state(t->app));
                int left = tui_voting_order(app_state(t->app), m, order, 16);
                assert_int_equal(left, n - i - 1);
        }
}

static void tui__voting_order__the_chairs_rank_counts(void **state)
{
        struct t *t = *state;
        council(t);
        must(t, "amend \"Tre etager\"");
        must(t, "amend \"Fire etager\"");
        must(t, "rank A2 A1");
        const struct pk_state *s = app_state(t->app);
        const struct meeting *m = engine_current_meeting(s);
        int order[16];
        assert_int_equal(tui_voting_order(s, m, order, 16), 3);
        assert_string_equal(m->subjects[order[0]].id, "A2");
        assert_string_equal(m->subjects[order[1]].id, "A1");
        assert_string_equal(m->subjects[order[2]].id, "M");
}

static void tui__u8__decodes_and_encodes_whatever_the_locale(void **state)
{
        (void)state;
        uint32_t c;
        assert_int_equal(tui_u8_decode("\xc3\xa6x", 3, &c), 2);
        assert_int_equal(c, 0xE6);
        assert_int_equal(tui_u8_decode("\xe2\x94\x82", 3, &c), 3);
        assert_int_equal(c, 0x2502);
        /* a bad byte, a cut sequence and an overlong form are one U+FFFD byte each */
        assert_int_equal(tui_u8_decode("\xff", 1, &c), 1);
        assert_int_equal(c, 0xFFFD);
        assert_int_equal(tui_u8_decode("\xc3", 1, &c), 1);
        assert_int_equal(c, 0xFFFD);
        assert_int_equal(tui_u8_decode("\xe0\x80\xaf", 3, &c), 1);
        assert_int_equal(c, 0xFFFD);
        wchar_t w[32];
        int n = tui_u8_to_wcs("Bo Ærø §", w, 32);
        assert_int_equal(n, 8);
        char back[64];
        tui_wcs_to_u8(w, n, back, sizeof back);
        assert_string_equal(back, "Bo Ærø §");
        /* cut to fit, never in the middle of a character */
        tui_wcs_to_u8(w, n, back, 6);
        assert_string_equal(back, "Bo Æ");
}

static void tui__width__stand_ins_in_a_locale_that_is_not_utf8(void **state)
{
        (void)state;
        if (!setlocale(LC_ALL, "C.UTF-8"))
                skip();
        tui_locale_init();
        assert_true(tui_utf8);
        assert_int_equal(tui_width("Bo Ærø"), 6);
        assert_int_equal(tui_cwidth(L'æ'), 1);
        assert_non_null(setlocale(LC_ALL, "C"));
        tui_locale_init();
        assert_false(tui_utf8);
        /* drawn as "Bo Aeroe", "(par. 3)", "a | b", "..." */
        assert_int_equal(tui_width("Bo Ærø"), 8);
        assert_int_equal(tui_width("(§ 3)"), 8);
        assert_int_equal(tui_width("a │ b"), 5);
        assert_int_equal(tui_width("…"), 3);
        assert_int_equal(tui_cwidth(L'å'), 2);
        /* what has no stand-in is one '?' (a wide CJK character too) */
        assert_int_equal(tui_width("\xe4\xb8\xad"), 1);
        static const char bad[] = {'a', (char)0xFF, 'b', '\0'};
        assert_int_equal(tui_width(bad), 3);
        setlocale(LC_ALL, "C.UTF-8");
        tui_locale_init();
}

static void tui__deadlines__the_planned_and_open_meetings_by_day(void **state)
{
        struct t *t = *state;
        council(t); /* meeting 1, 2027-01-21, open */
        must(t, "plan 2027-03-11 10:00");
        must(t, "plan 2027-03-25 16:00 kind=extraordinary");
        must(t, "plan 2027-02-25 16:00");
        const struct pk_state *s = app_state(t->app);
        struct tui_deadline *d;
        int n = tui_deadlines(s, 0, &d);
        /* three for each ordinary meeting; none for the extraordinary one */
        assert_int_equal(n, 9);
        for (int i = 1; i < n; i++)
                assert_true(d[i - 1].day <= d[i].day);
        for (int i = 0; i < n; i++)
                assert_int_not_equal(d[i].meeting, 2);
        assert_int_equal(d[0].meeting, 0);
        assert_int_equal(d[n - 1].meeting, 1);
        /* the dates are deadlines_for_meeting's: 2027-03-11's are 03-03, 03-05, 03-08 */
        char b[11];
        cal_format(d[n - 1].day, b);
        assert_string_equal(b, "2027-03-08");
        assert_int_equal(d[n - 1].key, DK_MATERIAL);
        assert_int_equal(d[n - 1].rule, deadline_key_rule(DK_MATERIAL));
        cal_format(d[n - 3].day, b);
        assert_string_equal(b, "2027-03-03");
        assert_int_equal(d[n - 3].key, DK_MEMBER_PROPOSALS);
        free(d);
        assert_true(tui_deadline_ahead(s, 0, cal_from_ymd(2027, 3, 8)));
        assert_false(tui_deadline_ahead(s, 0, cal_from_ymd(2027, 3, 9)));
        assert_int_equal(tui_deadlines(s, 5, &d), 0);
        assert_null(d);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(tui__quote__quotes_and_backslashes_round_trip),
            T(tui__member_line__names_a_member_with_quotes),
            T(tui__vote_line__party_line_names_parties_only),
            T(tui__vote_line__a_member_who_breaks_ranks_is_named),
            T(tui__vote_line__members_not_set_abstain),
            T(tui__vote_deviators__names_who_differ_from_their_party),
            cmocka_unit_test(tui__fold__case_and_accents_aside),
            T(tui__may_vote__a_disqualified_member_is_left_out),
            T(tui__voting_order__follows_the_engine_ballot_by_ballot),
            T(tui__voting_order__the_chairs_rank_counts),
            cmocka_unit_test(tui__u8__decodes_and_encodes_whatever_the_locale),
            cmocka_unit_test(tui__width__stand_ins_in_a_locale_that_is_not_utf8),
            T(tui__deadlines__the_planned_and_open_meetings_by_day),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
