/*
 * test_replay_rules.c - replay applies the rules live applies: events appended behind the
 * action layer's back, with hashes as valid as any (the chain alone cannot tell), must make
 * the record refuse to open in full and `verify` fail, when they break a rule of undo.
 *
 * unit__replay__forged_undo_of_signed_meeting: an undo of a vote of a signed meeting.
 * unit__replay__undo_not_the_last_action: an undo of an action that was not the last one.
 * unit__replay__undo_under_another_meeting: a retraction recorded under another meeting.
 * unit__replay__honest_undo_opens: the same undo made through the action layer opens.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "protokol/app.h"
#include "protokol/store.h"

static const char *script[] = {
    "body \"Lolland Kommune\" profile=lolland-2023 seats=5",
    "member \"Karen Holm\" party=A role=mayor",
    "member \"Jens Berg\" party=A",
    "member \"Mette Lund\" party=V",
    "meeting 2027-01-21 16:00",
    "item \"Lokalplan for havnen\"",
    "present \"Karen Holm\" \"Jens Berg\" \"Mette Lund\"",
    "open",
    "take 1",
    "motion \"Lokalplanen vedtages\"",
    "ballot",
    "vote for=2 against=1", /* event 12 */
    "done",
    "close",
    "sign \"Karen Holm\"",
    "sign \"Jens Berg\"",
    "sign \"Mette Lund\"",
};

static char dbpath[64];

static struct app *record_meeting(int lines)
{
        snprintf(dbpath, sizeof dbpath, "/tmp/protokol-replay-XXXXXX");
        int fd = mkstemp(dbpath);
        assert_true(fd >= 0);
        close(fd);
        unlink(dbpath);
        struct app *a;
        struct pk_err err = {0};
        assert_int_equal(app_open(dbpath, false, &a, &err), 0);
        for (int i = 0; i < lines; i++) {
                struct sb out = {0};
                enum app_result r = app_exec(a, script[i], strlen(script[i]), i + 1, &out);
                if (r != AR_OK)
                        fail_msg("line %d (%s): %s", i + 1, script[i], sb_str(&out));
                sb_free(&out);
        }
        return a;
}

/* Appends an undo event straight to the store (as another program could). */
static void forge_undo(struct app *a, int64_t retracts, int meeting)
{
        struct event ev = {0};
        ev.at = "2027-01-21T18:00:00";
        ev.verb = "undo";
        ev.line = "undo";
        ev.result = "retracted";
        ev.retracts = retracts;
        ev.meeting = meeting;
        struct pk_err err = {0};
        assert_int_equal(store_append(app_store(a), &ev, NULL, &err), 0);
}

/* Opens the record in full; returns the message of the refusal, or "" when it opens. */
static void open_full(char *msg, size_t n)
{
        struct app *a = NULL;
        struct pk_err err = {0};
        msg[0] = '\0';
        if (app_open_full(dbpath, true, &a, &err) < 0)
                snprintf(msg, n, "%s", err.msg);
        else
                app_close(&a);
}

static void cleanup(void)
{
        char p[96];
        unlink(dbpath);
        snprintf(p, sizeof p, "%s-wal", dbpath);
        unlink(p);
        snprintf(p, sizeof p, "%s-shm", dbpath);
        unlink(p);
        snprintf(p, sizeof p, "%s.lock", dbpath);
        unlink(p);
}

static void unit__replay__forged_undo_of_signed_meeting(void **state)
{
        (void)state;
        struct app *a = record_meeting(17);
        /* nothing retracted yet: the last live action is the locking signature */
        forge_undo(a, 17, 1);
        app_close(&a);
        char msg[1024];
        open_full(msg, sizeof msg);
        assert_non_null(strstr(msg, "signed and locked"));
        cleanup();
}

static void unit__replay__undo_not_the_last_action(void **state)
{
        (void)state;
        struct app *a = record_meeting(13);
        forge_undo(a, 12, 1); /* the vote, while `done` came after it */
        app_close(&a);
        char msg[1024];
        open_full(msg, sizeof msg);
        if (!strstr(msg, "not the last action"))
                fail_msg("%s", msg);
        cleanup();
}

static void unit__replay__undo_under_another_meeting(void **state)
{
        (void)state;
        struct app *a = record_meeting(13);
        forge_undo(a, 13, 0);
        app_close(&a);
        char msg[1024];
        open_full(msg, sizeof msg);
        assert_non_null(strstr(msg, "recorded under meeting 0"));
        cleanup();
}

static void unit__replay__honest_undo_opens(void **state)
{
        (void)state;
        struct app *a = record_meeting(13);
        struct sb out = {0};
        assert_int_equal(app_exec(a, "undo", 4, 14, &out), AR_OK);
        sb_free(&out);
        app_close(&a);
        char msg[1024];
        open_full(msg, sizeof msg);
        assert_string_equal(msg, "");
        struct app *v;
        struct pk_err err = {0};
        assert_int_equal(app_open_full(dbpath, true, &v, &err), 0);
        struct sb report = {0};
        assert_int_equal(app_verify(v, &report, &err), 0);
        sb_free(&report);
        app_close(&v);
        cleanup();
}

int main(void)
{
        setenv("PROTOKOL_PROFILES", SRCDIR "/assets/profiles", 1);
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(unit__replay__forged_undo_of_signed_meeting),
            cmocka_unit_test(unit__replay__undo_not_the_last_action),
            cmocka_unit_test(unit__replay__undo_under_another_meeting),
            cmocka_unit_test(unit__replay__honest_undo_opens),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
