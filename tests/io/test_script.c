/*
 * test_script.c - the meeting-script parser: well-formed lines become the right action,
 * and each malformed line is refused with a message that names the problem and column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protokol/script.h"

static enum script_parse parse(const char *line, struct action *a, struct pk_err *e)
{
        memset(e, 0, sizeof *e);
        return script_parse_line(line, strlen(line), a, e);
}

static void expect_error(const char *line, const char *msg_part, int column)
{
        struct action a;
        struct pk_err e;
        assert_int_equal(parse(line, &a, &e), SP_ERROR);
        if (!strstr(e.msg, msg_part))
                fail_msg("line [%s]: message [%s] lacks [%s]", line, e.msg, msg_part);
        if (column)
                assert_int_equal(e.column, column);
}

static void test_script__parse__member_with_options(void **state)
{
        (void)state;
        struct action a;
        struct pk_err e;
        assert_int_equal(parse("member \"Sara Kjær\" party=F role=mayor  # note", &a, &e),
                         SP_ACTION);
        assert_int_equal(a.verb, V_MEMBER);
        assert_int_equal(a.npos, 1);
        assert_string_equal(a.pos[0].text, "Sara Kjær");
        assert_true(a.pos[0].quoted);
        assert_string_equal(action_opt(&a, "party"), "F");
        assert_string_equal(action_opt(&a, "role"), "mayor");
        assert_null(action_opt(&a, "substitute"));
        assert_string_equal(a.text, "member \"Sara Kjær\" party=F role=mayor");
        action_free(&a);
}

static void test_script__parse__vote_lists(void **state)
{
        (void)state;
        struct action a;
        struct pk_err e;
        assert_int_equal(parse("vote for=party:V,\"Sara Kjær\" against=rest abstain=2", &a, &e),
                         SP_ACTION);
        const struct opt *o = action_optv(&a, "for");
        assert_non_null(o);
        assert_int_equal(o->nvals, 2);
        assert_string_equal(o->vals[0].text, "party:V");
        assert_false(o->vals[0].quoted);
        assert_string_equal(o->vals[1].text, "Sara Kjær");
        assert_true(o->vals[1].quoted);
        assert_string_equal(action_opt(&a, "against"), "rest");
        assert_string_equal(action_opt(&a, "abstain"), "2");
        action_free(&a);
}

static void test_script__parse__flags_and_hash_in_string(void **state)
{
        (void)state;
        struct action a;
        struct pk_err e;
        assert_int_equal(
            parse("item \"Sag #4: salg\" closed public-title=\"Salg\" reading=1", &a, &e),
            SP_ACTION);
        assert_string_equal(a.pos[0].text, "Sag #4: salg");
        assert_true(action_flag(&a, "closed"));
        assert_false(action_flag(&a, "open"));
        assert_string_equal(action_opt(&a, "public-title"), "Salg");
        action_free(&a);
}

static void test_script__parse__escaped_quote(void **state)
{
        (void)state;
        struct action a;
        struct pk_err e;
        assert_int_equal(parse("motion \"Navnet \\\"Havnen\\\" bruges\"", &a, &e), SP_ACTION);
        assert_string_equal(a.pos[0].text, "Navnet \"Havnen\" bruges");
        action_free(&a);
}

static void test_script__parse__blank_and_comment_lines(void **state)
{
        (void)state;
        struct action a;
        struct pk_err e;
        assert_int_equal(parse("", &a, &e), SP_EMPTY);
        assert_int_equal(parse("   \t ", &a, &e), SP_EMPTY);
        assert_int_equal(parse("# only a comment", &a, &e), SP_EMPTY);
        assert_int_equal(parse("open\r", &a, &e), SP_ACTION);
        action_free(&a);
}

static void test_script__parse__optional_and_repeated(void **state)
{
        (void)state;
        struct action a;
        struct pk_err e;
        assert_int_equal(parse("ballot", &a, &e), SP_ACTION);
        assert_int_equal(a.npos, 0);
        action_free(&a);
        assert_int_equal(parse("ballot A1.1", &a, &e), SP_ACTION);
        assert_string_equal(a.pos[0].text, "A1.1");
        action_free(&a);
        assert_int_equal(parse("present \"A\" \"B\" \"C\"", &a, &e), SP_ACTION);
        assert_int_equal(a.npos, 3);
        action_free(&a);
        assert_int_equal(parse("meeting 2027-01-21 16:00 kind=extraordinary virtual", &a, &e),
                         SP_ACTION);
        assert_true(action_flag(&a, "virtual"));
        action_free(&a);
}

static void test_script__error__unknown_verb(void **state)
{
        (void)state;
        expect_error("adjourn now", "unknown verb \"adjourn\"", 1);
}

static void test_script__error__unbalanced_quotes(void **state)
{
        (void)state;
        expect_error("member \"Karen Holm party=A", "unbalanced quotes", 8);
}

static void test_script__error__missing_argument(void **state)
{
        (void)state;
        expect_error("take", "take: a number is missing", 0);
        expect_error("member party=A", "member: a quoted name is missing", 0);
}

static void test_script__error__invalid_date_and_time(void **state)
{
        (void)state;
        expect_error("meeting 2027-02-30 16:00", "\"2027-02-30\" is not a valid date", 9);
        expect_error("meeting 2027-02-03 25:00", "\"25:00\" is not a valid time", 20);
        expect_error("dispatched 2027-1-5", "not a valid date", 0);
}

static void test_script__error__options(void **state)
{
        (void)state;
        expect_error("member \"A\" party=V colour=red", "unknown option \"colour\"", 20);
        expect_error("member \"A\" party=V party=F", "option \"party\" is given twice", 0);
        expect_error("member \"A\" party=", "a value is missing", 0);
        expect_error("body \"X\" seats=many", "\"many\" is not a whole number", 0);
        expect_error("body \"X\" seats=99999999", "is not a whole number", 0);
}

static void test_script__error__unquoted_name_and_extra_argument(void **state)
{
        (void)state;
        expect_error("speaker Karen", "must be in double quotes", 0);
        expect_error("open now", "unexpected argument \"now\"", 6);
        expect_error("\"take\" 2", "starts with a verb", 1);
}

static void test_script__error__bytes(void **state)
{
        (void)state;
        struct action a;
        struct pk_err e = {0};
        const char nul[] = "take\0 2";
        assert_int_equal(script_parse_line(nul, sizeof nul - 1, &a, &e), SP_ERROR);
        assert_non_null(strstr(e.msg, "NUL byte"));
        assert_int_equal(e.column, 5);
        expect_error("motion \"caf\xe9\"", "not valid UTF-8", 12);
        expect_error("motion \"a\x01b\"", "control character", 10);
        char big[SCRIPT_MAX_LINE + 10];
        memset(big, 'x', sizeof big - 1);
        big[sizeof big - 1] = '\0';
        expect_error(big, "longer than", 0);
}

/* What must be refused as a line error. */
static void test_script__error__refused_text(void **state)
{
        (void)state;
        /* C1 control characters (U+009B CSI, U+009D OSC) anywhere, named */
        expect_error("motion \"a\xc2\x9b"
                     "31mb\"",
                     "control character U+009B", 10);
        expect_error("ruling \"x\xc2\x9dy\"", "control character U+009D", 10);
        expect_error("item \"x\" public-title=\"\xc2\x85\"", "control character U+0085", 0);
        /* blank names: empty, one space, two spaces, a no-break space */
        expect_error("member \"\" party=A", "member: the name is empty", 8);
        expect_error("member \" \" party=A", "member: the name is only spaces", 8);
        expect_error("member \"  \" party=A", "member: the name is only spaces", 8);
        expect_error("member \"\xc2\xa0\" party=A", "member: the name is only spaces", 8);
        expect_error("member \"A\" party=V substitute=\" \"", "substitute: the name is only", 0);
        expect_error("present \"Anna\" \" \"", "present: the name is only spaces", 0);
        /* empty texts */
        static const char *texts[] = {"motion",     "decision", "ruling", "refer", "amend",
                                      "procedural", "declare",  "urgent", "item"};
        for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
                char line[64], want[64];
                snprintf(want, sizeof want, "%s: the text is empty", texts[i]);
                snprintf(line, sizeof line, "%s \"\"", texts[i]);
                expect_error(line, want, 0);
                snprintf(want, sizeof want, "%s: the text is only spaces", texts[i]);
                snprintf(line, sizeof line, "%s \"   \"", texts[i]);
                expect_error(line, want, 0);
        }
        expect_error("dissent \"Anna\" \"\"", "dissent: the text is empty", 0);
        /* direction-changing and invisible characters in names, named with their place */
        expect_error("member \"Anna\xe2\x80\xae"
                     "B\" party=A",
                     "the name holds U+202E RIGHT-TO-LEFT OVERRIDE at character 5", 8);
        expect_error("member \"\xe2\x81\xa6X\" party=A",
                     "U+2066 LEFT-TO-RIGHT ISOLATE at character 1", 0);
        expect_error("member \"A\xe2\x80\x8b"
                     "B\" party=A",
                     "U+200B ZERO WIDTH SPACE", 0);
        expect_error("member \"A\xe2\x80\x8d"
                     "B\" party=A",
                     "U+200D ZERO WIDTH JOINER", 0);
        expect_error("member \"A\xe2\x81\xa0"
                     "B\" party=A",
                     "U+2060 WORD JOINER", 0);
        expect_error("member \"A\xef\xbb\xbf"
                     "B\" party=A",
                     "U+FEFF ZERO WIDTH NO-BREAK SPACE", 0);
        expect_error("speaker \"\xe2\x80\xaa"
                     "A\"",
                     "U+202A", 0);
        /* a text may hold them (quoted matter in a motion is not a name) */
        struct action a;
        struct pk_err e;
        assert_int_equal(parse("motion \"x \xe2\x80\x8b y\"", &a, &e), SP_ACTION);
        action_free(&a);
}

/* A CRLF line end does not count toward the line limit. */
static void test_script__parse__crlf_limit(void **state)
{
        (void)state;
        char line[SCRIPT_MAX_LINE + 2];
        size_t n = SCRIPT_MAX_LINE;
        memset(line, 'x', n);
        memcpy(line, "ruling \"", 8);
        line[n - 1] = '"';
        line[n] = '\r';
        line[n + 1] = '\0';
        struct action a;
        struct pk_err e = {0};
        assert_int_equal(script_parse_line(line, n + 1, &a, &e), SP_ACTION);
        action_free(&a);
        line[n] = 'x';
        assert_int_equal(script_parse_line(line, n + 1, &a, &e), SP_ERROR);
        assert_non_null(strstr(e.msg, "longer than"));
}

/* Two actions are the same: verb, arguments, flags, options and every value with its quoting. */
static void assert_same_action(const struct action *x, const struct action *y)
{
        assert_int_equal(x->verb, y->verb);
        assert_int_equal(x->npos, y->npos);
        for (int i = 0; i < x->npos; i++) {
                assert_string_equal(x->pos[i].text, y->pos[i].text);
                assert_int_equal(x->pos[i].quoted, y->pos[i].quoted);
        }
        assert_int_equal(x->flags, y->flags);
        assert_int_equal(x->nopts, y->nopts);
        for (int i = 0; i < x->nopts; i++) {
                assert_string_equal(x->opts[i].key, y->opts[i].key);
                assert_int_equal(x->opts[i].key_quoted, y->opts[i].key_quoted);
                assert_int_equal(x->opts[i].nvals, y->opts[i].nvals);
                for (int k = 0; k < x->opts[i].nvals; k++) {
                        assert_string_equal(x->opts[i].vals[k].text, y->opts[i].vals[k].text);
                        assert_int_equal(x->opts[i].vals[k].quoted, y->opts[i].vals[k].quoted);
                }
        }
}

/* script_format_action is the parser's inverse: each line, parsed, formatted and parsed
 * again, gives the same action, and the formatted line is the expected canonical one. */
static void test_script__format__round_trip(void **state)
{
        (void)state;
        static const char *cases[][2] = {
            {"member \"Kim \\\"Kimse\\\" Bak \\\\ Ø\" party=V role=mayor",
             "member \"Kim \\\"Kimse\\\" Bak \\\\ Ø\" party=V role=mayor"},
            {"item   \"Budget 2027\"  open kind=budget  # comment",
             "item \"Budget 2027\" open kind=budget"},
            {"item \"Sag\" closed category=aid-to-individuals public-title=\"Personsag\"",
             "item \"Sag\" closed category=aid-to-individuals public-title=\"Personsag\""},
            {"vote for=party:V,\"Sara Kjær\" against=rest abstain=2",
             "vote for=party:V,\"Sara Kjær\" against=rest abstain=2"},
            {"lot order=\"B\",\"A\"", "lot order=\"B\",\"A\""},
            {"meeting 2027-01-14 17:00", "meeting 2027-01-14 17:00"},
        };
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
                struct action a, b;
                struct pk_err e;
                assert_int_equal(parse(cases[c][0], &a, &e), SP_ACTION);
                struct sb line = {0};
                script_format_action(&a, &line);
                assert_string_equal(sb_str(&line), cases[c][1]);
                assert_int_equal(parse(sb_str(&line), &b, &e), SP_ACTION);
                assert_same_action(&a, &b);
                sb_free(&line);
                action_free(&a);
                action_free(&b);
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_script__parse__member_with_options),
            cmocka_unit_test(test_script__parse__vote_lists),
            cmocka_unit_test(test_script__parse__flags_and_hash_in_string),
            cmocka_unit_test(test_script__parse__escaped_quote),
            cmocka_unit_test(test_script__parse__blank_and_comment_lines),
            cmocka_unit_test(test_script__parse__optional_and_repeated),
            cmocka_unit_test(test_script__error__unknown_verb),
            cmocka_unit_test(test_script__error__unbalanced_quotes),
            cmocka_unit_test(test_script__error__missing_argument),
            cmocka_unit_test(test_script__error__invalid_date_and_time),
            cmocka_unit_test(test_script__error__options),
            cmocka_unit_test(test_script__error__unquoted_name_and_extra_argument),
            cmocka_unit_test(test_script__error__bytes),
            cmocka_unit_test(test_script__error__refused_text),
            cmocka_unit_test(test_script__parse__crlf_limit),
            cmocka_unit_test(test_script__format__round_trip),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
