/*
 * test_store.c - the store's guards against a second writer: the lock on the database
 * file refuses a second writer in the same or another process, and when the lock is
 * bypassed, an append whose known head is no longer the record's head is refused, writes
 * nothing, and the next append (after the head is read again) chains on the real head.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "protokol/store.h"

static char dir[64], path[128];

static int setup(void **state)
{
        (void)state;
        snprintf(dir, sizeof dir, "/tmp/pk-store-XXXXXX");
        if (!mkdtemp(dir))
                return -1;
        snprintf(path, sizeof path, "%s/r.db", dir);
        return 0;
}

static int teardown(void **state)
{
        (void)state;
        char cmd[200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        return system(cmd) == 0 ? 0 : -1;
}

static int append(struct store *st, const char *line, struct pk_err *err)
{
        struct event ev = {
            .at = "2027-01-21T16:00:00", .verb = "ruling", .line = (char *)line, .result = "ok"};
        memset(err, 0, sizeof *err);
        return store_append(st, &ev, NULL, err);
}

static int64_t count_events(void)
{
        struct store *r;
        struct pk_err err = {0};
        assert_int_equal(store_open(path, STORE_READ, &r, &err), 0);
        int64_t n = store_last_seq(r);
        assert_int_equal(store_verify_chain(r, &err), 0);
        store_close(&r);
        return n;
}

static void test_store__lock__second_writer_refused(void **state)
{
        (void)state;
        struct store *a, *b;
        struct pk_err err = {0};
        assert_int_equal(store_open(path, STORE_WRITE, &a, &err), 0);
        assert_int_not_equal(store_open(path, STORE_WRITE, &b, &err), 0);
        assert_non_null(strstr(err.msg, "being written by another protokol"));
        assert_int_equal(err.exit_code, 1);
        /* a reader is not refused */
        memset(&err, 0, sizeof err);
        assert_int_equal(store_open(path, STORE_READ, &b, &err), 0);
        store_close(&b);
        store_close(&a);
}

static void test_store__append__moved_head_refused(void **state)
{
        (void)state;
        struct store *a, *b;
        struct pk_err err = {0};
        assert_int_equal(store_open(path, STORE_WRITE, &a, &err), 0);
        assert_int_equal(append(a, "ruling \"one\"", &err), 0);
        /* a second writer that got past the lock (as through a lock file removed before) */
        store_release_lock_for_test(a);
        assert_int_equal(store_open(path, STORE_WRITE, &b, &err), 0);
        store_release_lock_for_test(b);
        assert_int_equal(append(a, "ruling \"two by a\"", &err), 0);
        /* b still knows event 1 as the head: its append is refused, nothing written */
        assert_int_not_equal(append(b, "ruling \"two by b\"", &err), 0);
        if (!strstr(err.msg, "another process has written to the record"))
                fail_msg("message: %s", err.msg);
        assert_int_equal(count_events(), 2);
        /* the same in steps (begin, add, commit) */
        assert_int_equal(append(a, "ruling \"three by a\"", &err), 0);
        memset(&err, 0, sizeof err);
        assert_int_not_equal(store_begin(b, &err), 0);
        assert_int_equal(count_events(), 3);
        /* having read the head again (the refusal does), b appends after a's events */
        assert_int_equal(append(b, "ruling \"four by b\"", &err), 0);
        assert_int_equal(count_events(), 4);
        store_close(&a);
        store_close(&b);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_store__lock__second_writer_refused, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_store__append__moved_head_refused, setup,
                                            teardown),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
