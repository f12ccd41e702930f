/*
 * test_profile.c - tests of the rule-profile loader (src/io/profile.c): the three shipped
 * profiles load with the values and citations of their forretningsordener, and every
 * malformed file under tests/io/profiles/ is refused with the exact file, line and field.
 *
 * SRCDIR (the repository root) is passed at build time with -DSRCDIR="...".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "protokol/profile.h"

#ifndef SRCDIR
#error "build with -DSRCDIR=\"/path/to/repository\""
#endif

#define PROFILES SRCDIR "/assets/profiles"
#define BAD SRCDIR "/tests/io/profiles"

static const char *const shipped[] = {"kkr-2026", "standard-2023", "lolland-2023"};

/* Loads a shipped profile by path and fails the test if it does not load. */
static void load_shipped(const char *name, struct profile *p)
{
        char path[512];
        struct pk_err err;
        snprintf(path, sizeof path, "%s/%s.ini", PROFILES, name);
        int rc = profile_load(path, p, &err);
        if (rc != 0)
                fail_msg("%s:%d: %s: %s", err.file, err.line, err.field, err.msg);
        assert_string_equal(p->name, name);
        assert_string_equal(p->path, path);
}

/* Loads tests/io/profiles/<file> and asserts the error exactly. */
static void expect_error(const char *file, int line, const char *field, const char *msg)
{
        char path[512];
        struct profile p;
        struct pk_err err;
        snprintf(path, sizeof path, "%s/%s", BAD, file);
        assert_int_equal(profile_load(path, &p, &err), -1);
        assert_string_equal(err.file, path);
        assert_int_equal(err.line, line);
        assert_string_equal(err.field, field);
        assert_string_equal(err.msg, msg);
}

/* A fresh temporary directory; the caller removes what it puts there. */
static void make_tmpdir(char *dir, size_t n)
{
        snprintf(dir, n, "/tmp/test_profile.XXXXXX");
        assert_non_null(mkdtemp(dir));
}

static void write_file(const char *path, const char *content, size_t len)
{
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(content, 1, len, f), len);
        assert_int_equal(fclose(f), 0);
}

/* Reads a file whole (NUL-terminated; the caller frees). */
static char *slurp(const char *path)
{
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        char *buf = calloc(1, 65536);
        assert_non_null(buf);
        size_t n = fread(buf, 1, 65535, f);
        assert_true(n > 0 && n < 65535);
        fclose(f);
        return buf;
}

/* Replaces the first occurrence of from in s (a 65536-byte buffer) by to. */
static void replace(char *s, const char *from, const char *to)
{
        char *at = strstr(s, from);
        assert_non_null(at);
        size_t fl = strlen(from), tl = strlen(to), rest = strlen(at + fl);
        assert_true(strlen(s) - fl + tl < 65536);
        memmove(at + tl, at + fl, rest + 1);
        memcpy(at, to, tl);
}

static void test_profile__rule_name__matches_table(void **state)
{
        (void)state;
        assert_string_equal(profile_rule_name(R_MEETINGS_PUBLIC), "meetings.public");
        assert_string_equal(profile_rule_name(R_QUORUM_PERCENT), "quorum");
        assert_string_equal(profile_rule_name(R_RULINGS), "rulings");
        assert_int_equal(profile_rule_type(R_TIE), RT_ENUM);
        assert_int_equal(profile_rule_type(R_AGENDA_DEADLINE), RT_DEADLINE);
        assert_int_equal(profile_rule_type(R_CLOSED_DEFAULT), RT_LIST);
        assert_string_equal(profile_rule_name(R__COUNT), "");
}

static void test_profile__load__kkr_2026(void **state)
{
        (void)state;
        struct profile p;
        load_shipped("kkr-2026", &p);
        assert_int_equal(p.rules[R_MEETINGS_PUBLIC].ival, 0);
        assert_string_equal(profile_cite(&p, R_MEETINGS_PUBLIC), "§ 5, stk. 1");
        assert_int_equal(profile_int(&p, R_QUORUM_PERCENT), 50);
        assert_string_equal(profile_cite(&p, R_QUORUM_PERCENT), "§ 5, stk. 9");
        assert_string_equal(p.rules[R_TIE].sval, "chair-decides");
        assert_int_equal(p.rules[R_TIE].ival, 0);
        assert_string_equal(profile_cite(&p, R_TIE), "§ 5, stk. 9");
        assert_string_equal(p.rules[R_MAJORITY].sval, "votes-cast");
        assert_int_equal(p.rules[R_PROPOSAL_DEADLINE].unit, DL_DAYS);
        assert_int_equal(p.rules[R_PROPOSAL_DEADLINE].ival, 10);
        assert_int_equal(p.rules[R_AGENDA_DEADLINE].unit, DL_DAYS);
        assert_int_equal(p.rules[R_AGENDA_DEADLINE].ival, 7);
        assert_int_equal(p.rules[R_MATERIAL_DEADLINE].unit, DL_NONE);
        assert_int_equal(p.rules[R_MATERIAL_DEADLINE].ival, 0);
        assert_string_equal(p.rules[R_LATE_AGENDA].sval, "special-cases");
        assert_int_equal(p.rules[R_LATE_AGENDA].ival, 1);
        assert_string_equal(p.rules[R_LEADER].sval, "chair");
        assert_int_equal(profile_int(&p, R_ORDER_DEMAND), 0);
        assert_int_equal(profile_int(&p, R_CALLS_BEFORE_DENIAL), 0);
        assert_int_equal(profile_int(&p, R_CLOSURE_DEMAND), 0);
        assert_string_equal(p.rules[R_ELECTION_PROPORTIONAL].sval, "dhondt-alliances");
        assert_int_equal(p.rules[R_ELECTION_ALLIANCES].unit, DL_WORKING_DAYS);
        assert_int_equal(p.rules[R_ELECTION_ALLIANCES].ival, 3);
        assert_string_equal(profile_cite(&p, R_ELECTION_ALLIANCES), "§ 4, stk. 2");
        assert_int_equal(p.rules[R_SUBSTITUTES].ival, 1);
        assert_string_equal(profile_cite(&p, R_SUBSTITUTES), "§ 5, stk. 11");
        assert_string_equal(p.rules[R_ABSENTEES].sval, "named");
        assert_int_equal(p.rules[R_DISSENT].ival, 0);
        assert_string_equal(p.rules[R_SIGNING].sval, "chair");
        assert_string_equal(p.rules[R_RULINGS].sval, "final");
        assert_string_equal(p.rules[R_DISQUALIFICATION].sval, "law");
        assert_string_equal(profile_cite(&p, R_DISQUALIFICATION), "");
        assert_int_equal(p.rules[R_TWO_READINGS].ival, 0);
        assert_string_equal(p.rules[R_CLOSED_MANDATORY].sval, "");
        assert_false(profile_list_has(&p, R_CLOSED_DEFAULT, "personal"));
        assert_false(p.grundlovsdag_working);
        /* a value continued on an indented line is joined with one space */
        assert_non_null(
            strstr(p.rules[R_PROPOSAL_DEADLINE].text, "has a regional or cross-municipal"));
}

static void test_profile__load__standard_2023(void **state)
{
        (void)state;
        struct profile p;
        load_shipped("standard-2023", &p);
        assert_int_equal(p.rules[R_MEETINGS_PUBLIC].ival, 1);
        assert_string_equal(p.rules[R_CLOSED_MANDATORY].sval, "aid-to-individuals");
        assert_true(profile_list_has(&p, R_CLOSED_MANDATORY, "aid-to-individuals"));
        assert_string_equal(profile_cite(&p, R_CLOSED_MANDATORY), "§ 1, stk. 1");
        assert_string_equal(profile_cite(&p, R_QUORUM_PERCENT), "§ 4, stk. 1");
        assert_int_equal(p.rules[R_PROPOSAL_DEADLINE].unit, DL_DAYS);
        assert_int_equal(p.rules[R_PROPOSAL_DEADLINE].ival, 8);
        assert_string_equal(profile_cite(&p, R_PROPOSAL_DEADLINE), "§ 3, stk. 1");
        assert_int_equal(p.rules[R_AGENDA_DEADLINE].unit, DL_WORKING_DAYS);
        assert_int_equal(p.rules[R_AGENDA_DEADLINE].ival, 4);
        assert_int_equal(p.rules[R_MATERIAL_DEADLINE].unit, DL_NONE);
        assert_string_equal(p.rules[R_LATE_AGENDA].sval, "reason-required");
        assert_int_equal(p.rules[R_LATE_AGENDA].ival, 2);
        assert_string_equal(p.rules[R_LEADER].sval, "mayor");
        assert_int_equal(profile_int(&p, R_ORDER_DEMAND), 3);
        assert_string_equal(profile_cite(&p, R_ORDER_DEMAND), "§ 5, stk. 1");
        assert_int_equal(profile_int(&p, R_CALLS_BEFORE_DENIAL), 2);
        assert_int_equal(profile_int(&p, R_CLOSURE_DEMAND), 3);
        assert_string_equal(p.rules[R_MAJORITY].sval, "votes-cast");
        assert_string_equal(p.rules[R_TIE].sval, "not-adopted");
        assert_int_equal(p.rules[R_TIE].ival, 1);
        assert_int_equal(p.rules[R_BEYOND_DOUBT].ival, 1);
        assert_string_equal(p.rules[R_VOTING_ORDER].sval, "sub-amendments-first");
        assert_int_equal(profile_int(&p, R_READING_INTERVAL_HOURS), 0);
        assert_int_equal(profile_int(&p, R_READING_BUDGET_DAYS), 0);
        assert_string_equal(p.rules[R_ELECTION_MAJORITY_BASIS].sval, "present");
        assert_int_equal(p.rules[R_ELECTION_ROUND2_SOLE].ival, 1);
        assert_string_equal(p.rules[R_ELECTION_PROPORTIONAL].sval, "dhondt");
        assert_int_equal(p.rules[R_ELECTION_ALLIANCES].unit, DL_NONE);
        assert_string_equal(p.rules[R_ABSENTEES].sval, "with-reason");
        assert_string_equal(p.rules[R_SIGNING].sval, "all-attended");
        assert_string_equal(p.rules[R_RULINGS].sval, "binding");
        assert_string_equal(profile_cite(&p, R_RULINGS), "§ 15");
}

static void test_profile__load__lolland_2023(void **state)
{
        (void)state;
        struct profile p;
        load_shipped("lolland-2023", &p);
        assert_string_equal(p.title, "Forretningsorden for Lolland Kommunes kommunalbestyrelse");
        assert_int_equal(profile_int(&p, R_QUORUM_PERCENT), 50);
        assert_string_equal(profile_cite(&p, R_QUORUM_PERCENT), "§ 4");
        assert_string_equal(p.rules[R_CLOSED_DEFAULT].sval,
                            "personal,real-estate,building-estimates");
        assert_true(profile_list_has(&p, R_CLOSED_DEFAULT, "personal"));
        assert_true(profile_list_has(&p, R_CLOSED_DEFAULT, "real-estate"));
        assert_true(profile_list_has(&p, R_CLOSED_DEFAULT, "building-estimates"));
        assert_false(profile_list_has(&p, R_CLOSED_DEFAULT, "real"));
        assert_false(profile_list_has(&p, R_CLOSED_DEFAULT, ""));
        assert_false(profile_list_has(&p, R_CLOSED_MANDATORY, "aid-to-individuals"));
        assert_false(profile_list_has(&p, R_QUORUM_PERCENT, "50"));
        assert_int_equal(p.rules[R_MATERIAL_DEADLINE].unit, DL_WORKING_DAYS);
        assert_int_equal(p.rules[R_MATERIAL_DEADLINE].ival, 3);
        assert_string_equal(profile_cite(&p, R_MATERIAL_DEADLINE), "§ 3, stk. 3");
        assert_string_equal(p.rules[R_LATE_AGENDA].sval, "none");
        assert_int_equal(p.rules[R_LATE_AGENDA].ival, 0);
        assert_string_equal(profile_cite(&p, R_LATE_AGENDA), "");
        assert_string_equal(profile_cite(&p, R_ORDER_DEMAND), "§ 5");
        assert_int_equal(profile_int(&p, R_READING_INTERVAL_HOURS), 24);
        assert_string_equal(profile_cite(&p, R_READING_INTERVAL_HOURS), "§ 6, stk. 2");
        assert_int_equal(profile_int(&p, R_READING_BUDGET_DAYS), 21);
        assert_int_equal(profile_int(&p, R_READING_BYLAWS_DAYS), 6);
        assert_string_equal(p.rules[R_ELECTION_MAJORITY_BASIS].sval, "cast");
        assert_int_equal(p.rules[R_ELECTION_MAJORITY_BASIS].ival, 1);
        assert_int_equal(p.rules[R_ELECTION_ROUND2_SOLE].ival, 0);
        assert_string_equal(p.rules[R_VOTING_ORDER].sval, "sub-amendments-first");
        assert_string_equal(p.rules[R_ABSENTEES].sval, "named");
        assert_int_equal(p.rules[R_SUBSTITUTES].ival, 0);
        assert_true(p.rules[R_QUORUM_PERCENT].line > 0);
}

/* Every rule of every shipped profile has a paraphrase and a citation of the right form. */
/*
 * The paraphrases say what the seeds say: kkr-2026 § 4, stk. 4 (several representatives by
 * proportional election) and § 5, stk. 5 (the agenda published before the meeting);
 * standard-2023 § 14, stk. 2 (dissent: the minority), § 6 (the multi-year estimates) and § 11,
 * stk. 4 (until voting has begun); lolland-2023 § 14, stk. 2 (the seed's explanation) and § 3,
 * stk. 3 (18-20 and the list of items).
 */
static void test_profile__load__texts_follow_seed(void **state)
{
        (void)state;
        struct profile p;
        load_shipped("kkr-2026", &p);
        assert_non_null(strstr(p.rules[R_ELECTION_PROPORTIONAL].text, "Several"));
        assert_non_null(strstr(p.rules[R_ELECTION_PROPORTIONAL].text, "§ 4, stk. 4"));
        assert_non_null(strstr(p.rules[R_ELECTION_PROPORTIONAL].text_da, "§ 4, stk. 4"));
        assert_null(strstr(p.rules[R_MEETINGS_PUBLIC].text,
                           "Agendas and minutes are published afterwards"));
        assert_non_null(strstr(p.rules[R_MEETINGS_PUBLIC].text, "the week before"));
        load_shipped("standard-2023", &p);
        assert_non_null(strstr(p.rules[R_DISSENT].text, "did not vote with the majority"));
        assert_non_null(strstr(p.rules[R_DISSENT].text_da, "ikke har stemt med flertallet"));
        assert_non_null(strstr(p.rules[R_TWO_READINGS].text, "multi-year"));
        assert_non_null(
            strstr(p.rules[R_PROCEDURAL_FIRST].text, "until voting on the item has begun"));
        assert_non_null(strstr(p.rules[R_PROCEDURAL_FIRST].text_da, "indtil afstemningen"));
        load_shipped("lolland-2023", &p);
        assert_non_null(strstr(p.rules[R_DISSENT].text, "did not vote"));
        assert_non_null(strstr(p.rules[R_DISSENT].text, "unlawful decision"));
        assert_non_null(strstr(p.rules[R_MATERIAL_DEADLINE].text, "18-20"));
        assert_non_null(strstr(p.rules[R_MATERIAL_DEADLINE].text, "list of the items"));
        assert_non_null(strstr(p.rules[R_MATERIAL_DEADLINE].text_da, "fortegnelse"));
}

static void test_profile__load__every_rule_cited(void **state)
{
        (void)state;
        for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
                struct profile p;
                load_shipped(shipped[i], &p);
                assert_true(p.title[0] != '\0');
                assert_true(p.source[0] != '\0');
                for (int id = 0; id < R__COUNT; id++) {
                        const struct rule *r = &p.rules[id];
                        if (r->text[0] == '\0')
                                fail_msg("%s: [%s] has no text", shipped[i], profile_rule_name(id));
                        /* "-" in the file is stored as "" */
                        if (r->cite[0] != '\0' && strncmp(r->cite, "§ ", strlen("§ ")) != 0)
                                fail_msg("%s: [%s] cite \"%s\"", shipped[i], profile_rule_name(id),
                                         r->cite);
                        assert_true(r->line > 0);
                }
        }
}

static void test_profile__find__by_name_and_path(void **state)
{
        (void)state;
        struct profile p;
        struct pk_err err;
        char xdg[64];
        make_tmpdir(xdg, sizeof xdg);
        setenv("XDG_CONFIG_HOME", xdg, 1);
        setenv("PROTOKOL_PROFILES", PROFILES, 1);
        assert_int_equal(profile_find("lolland-2023", &p, &err), 0);
        assert_string_equal(p.name, "lolland-2023");
        assert_string_equal(p.path, PROFILES "/lolland-2023.ini");
        assert_int_equal(profile_find(PROFILES "/kkr-2026.ini", &p, &err), 0);
        assert_string_equal(p.name, "kkr-2026");
        rmdir(xdg);
}

static void test_profile__find__unknown_lists_known(void **state)
{
        (void)state;
        struct profile p;
        struct pk_err err;
        char xdg[64];
        make_tmpdir(xdg, sizeof xdg);
        setenv("XDG_CONFIG_HOME", xdg, 1);
        setenv("PROTOKOL_PROFILES", PROFILES, 1);
        assert_int_equal(profile_find("odense-2030", &p, &err), -1);
        assert_string_equal(err.file, "");
        assert_int_equal(err.line, 0);
        assert_string_equal(err.msg, "unknown profile \"odense-2030\" (known: kkr-2026, "
                                     "lolland-2023, standard-2023)");
        assert_int_equal(profile_find("", &p, &err), -1);
        assert_string_equal(err.msg, "no profile name given");
        rmdir(xdg);
}

/* The user's own profile in $XDG_CONFIG_HOME is found; its name must match the file. */
static void test_profile__find__user_profile_name_checked(void **state)
{
        (void)state;
        struct profile p;
        struct pk_err err;
        char xdg[64], dir[160], path[256];
        make_tmpdir(xdg, sizeof xdg);
        snprintf(dir, sizeof dir, "%s/protokol", xdg);
        assert_int_equal(mkdir(dir, 0700), 0);
        snprintf(dir, sizeof dir, "%s/protokol/profiles", xdg);
        assert_int_equal(mkdir(dir, 0700), 0);
        setenv("XDG_CONFIG_HOME", xdg, 1);
        unsetenv("PROTOKOL_PROFILES");

        char *text = slurp(PROFILES "/kkr-2026.ini");
        snprintf(path, sizeof path, "%s/mine.ini", dir);
        write_file(path, text, strlen(text));
        assert_int_equal(profile_find("mine", &p, &err), -1);
        assert_string_equal(err.file, path);
        assert_int_equal(err.line, 11); /* name = kkr-2026 in the shipped file */
        assert_string_equal(err.field, "profile.name");
        assert_string_equal(err.msg, "the file declares the name \"kkr-2026\" but was found as "
                                     "\"mine\"; set name = mine");

        replace(text, "name = kkr-2026", "name = mine");
        replace(text, "value = 50", "value = 60");
        write_file(path, text, strlen(text));
        assert_int_equal(profile_find("mine", &p, &err), 0);
        assert_string_equal(p.name, "mine");
        assert_int_equal(profile_int(&p, R_QUORUM_PERCENT), 60);

        free(text);
        unlink(path);
        rmdir(dir);
        snprintf(dir, sizeof dir, "%s/protokol", xdg);
        rmdir(dir);
        rmdir(xdg);
}

static void test_profile__load__holiday_switches(void **state)
{
        (void)state;
        struct profile p;
        struct pk_err err;
        char dir[64], path[128];
        make_tmpdir(dir, sizeof dir);
        snprintf(path, sizeof path, "%s/h.ini", dir);
        char *text = slurp(PROFILES "/standard-2023.ini");
        replace(text, "grundlovsdag = off", "grundlovsdag = working");
        replace(text, "nytaarsaftensdag = off", "nytaarsaftensdag = working ; a comment");
        write_file(path, text, strlen(text));
        assert_int_equal(profile_load(path, &p, &err), 0);
        assert_true(p.grundlovsdag_working);
        assert_false(p.juleaftensdag_working);
        assert_true(p.nytaarsaftensdag_working);
        free(text);
        unlink(path);
        rmdir(dir);
}

static void test_profile__load__bad_int(void **state)
{
        (void)state;
        expect_error("bad_int.ini", 6, "quorum.value", "\"fifty\" is not a whole number");
}

static void test_profile__load__bad_enum(void **state)
{
        (void)state;
        expect_error("bad_enum.ini", 6, "decisions.tie.value",
                     "\"coin-toss\" is not one of: chair-decides, not-adopted");
}

static void test_profile__load__bad_bool(void **state)
{
        (void)state;
        expect_error("bad_bool.ini", 6, "meetings.public.value", "\"true\" is not yes or no");
}

static void test_profile__load__bad_list(void **state)
{
        (void)state;
        expect_error("bad_list.ini", 6, "closed.default.value",
                     "\"Real-Estate\" is not a lowercase word (a-z, 0-9 and -)");
}

static void test_profile__load__bad_deadline(void **state)
{
        (void)state;
        expect_error("bad_deadline.ini", 6, "agenda.dispatch.value",
                     "\"4 hverdage\" is not a deadline (none, N days or N working-days, N at "
                     "most 100000)");
}

static void test_profile__load__bad_holiday(void **state)
{
        (void)state;
        expect_error("bad_holiday.ini", 4, "profile.grundlovsdag",
                     "\"closed\" is not one of: off, working");
}

static void test_profile__load__unknown_section(void **state)
{
        (void)state;
        expect_error("unknown_section.ini", 5, "quorom",
                     "unknown section [quorom] (did you mean [quorum]?)");
}

static void test_profile__load__unknown_key(void **state)
{
        (void)state;
        expect_error("unknown_key.ini", 6, "quorum.valeu",
                     "unknown key \"valeu\" in [quorum] (expected: value, cite, text, text.da)");
}

static void test_profile__load__missing_section(void **state)
{
        (void)state;
        expect_error("missing_section.ini", 0, "decisions.tie", "missing section [decisions.tie]");
}

static void test_profile__load__missing_key(void **state)
{
        (void)state;
        expect_error("missing_key.ini", 5, "quorum.text", "missing key text in [quorum]");
}

static void test_profile__load__missing_name(void **state)
{
        (void)state;
        expect_error("missing_name.ini", 2, "profile.name", "missing key name in [profile]");
}

static void test_profile__load__duplicate_key(void **state)
{
        (void)state;
        expect_error("duplicate_key.ini", 8, "quorum.value",
                     "duplicate key \"value\" (first on line 6)");
}

static void test_profile__load__duplicate_section(void **state)
{
        (void)state;
        expect_error("duplicate_section.ini", 10, "quorum",
                     "duplicate section [quorum] (first on line 5)");
}

static void test_profile__load__bad_cite(void **state)
{
        (void)state;
        expect_error("bad_cite.ini", 7, "quorum.cite",
                     "\"4, stk. 1\" is not a citation: write - or start with \"§ \" (e.g. \"§ 4, "
                     "stk. 1\")");
}

static void test_profile__load__empty_text(void **state)
{
        (void)state;
        expect_error("empty_text.ini", 8, "quorum.text",
                     "the text is empty (paraphrase the rule, or say what protokol does where the "
                     "source is silent)");
}

static void test_profile__load__empty_file(void **state)
{
        (void)state;
        expect_error("empty.ini", 0, "",
                     "the file is empty; a profile needs [profile] and one section per rule");
}

static void test_profile__load__comments_only(void **state)
{
        (void)state;
        expect_error("comments_only.ini", 0, "profile", "missing section [profile]");
}

static void test_profile__load__syntax_error_first(void **state)
{
        (void)state;
        expect_error("syntax.ini", 4, "", "expected a [section], a key = value line or a comment");
}

static void test_profile__load__key_outside_section(void **state)
{
        (void)state;
        expect_error("outside.ini", 2, "name", "\"name\" comes before any [section]");
}

static void test_profile__load__earliest_error_wins(void **state)
{
        (void)state;
        expect_error("order.ini", 6, "quorum.value",
                     "500 is not a percentage of the members (1-100)");
}

static void test_profile__load__long_line(void **state)
{
        (void)state;
        expect_error("long_line.ini", 7, "",
                     "the line is too long (at most 198 bytes; continue a long value on indented "
                     "lines)");
}

static void test_profile__load__missing_file(void **state)
{
        (void)state;
        struct profile p;
        struct pk_err err;
        const char *path = BAD "/no_such_profile.ini";
        assert_int_equal(profile_load(path, &p, &err), -1);
        assert_string_equal(err.file, path);
        assert_int_equal(err.line, 0);
        assert_string_equal(err.field, "");
        assert_string_equal(err.msg, "cannot open the profile: No such file or directory");
}

static void test_profile__load__directory(void **state)
{
        (void)state;
        struct profile p;
        struct pk_err err;
        assert_int_equal(profile_load(BAD, &p, &err), -1);
        assert_string_equal(err.file, BAD);
        assert_int_equal(err.line, 0);
        assert_string_equal(err.field, "");
        assert_string_equal(err.msg, "is a directory, not a profile file");
        assert_int_equal(profile_load("", &p, &err), -1);
        assert_string_equal(err.msg, "no profile file given");
}

static void test_profile__load__unreadable(void **state)
{
        (void)state;
        if (geteuid() == 0)
                skip(); /* root reads anything */
        struct profile p;
        struct pk_err err;
        char dir[64], path[128];
        make_tmpdir(dir, sizeof dir);
        snprintf(path, sizeof path, "%s/secret.ini", dir);
        write_file(path, "[profile]\n", 10);
        assert_int_equal(chmod(path, 0), 0);
        assert_int_equal(profile_load(path, &p, &err), -1);
        assert_string_equal(err.file, path);
        assert_int_equal(err.line, 0);
        assert_string_equal(err.msg, "cannot open the profile: Permission denied");
        unlink(path);
        rmdir(dir);
}

static void test_profile__load__binary_content(void **state)
{
        (void)state;
        struct profile p;
        struct pk_err err;
        char dir[64], path[128];
        make_tmpdir(dir, sizeof dir);
        snprintf(path, sizeof path, "%s/bin.ini", dir);

        static const char nul[] = "[profile]\nname = x\0y\n";
        write_file(path, nul, sizeof nul - 1);
        assert_int_equal(profile_load(path, &p, &err), -1);
        assert_int_equal(err.line, 2);
        assert_string_equal(err.msg, "the file contains a NUL byte; is it a text file?");

        static const char latin1[] = "[profile]\n\nname = K\xf8"
                                     "benhavn\n";
        write_file(path, latin1, sizeof latin1 - 1);
        assert_int_equal(profile_load(path, &p, &err), -1);
        assert_int_equal(err.line, 3);
        assert_string_equal(err.msg, "invalid UTF-8; save the file as UTF-8");
        unlink(path);
        rmdir(dir);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_profile__rule_name__matches_table),
            cmocka_unit_test(test_profile__load__kkr_2026),
            cmocka_unit_test(test_profile__load__standard_2023),
            cmocka_unit_test(test_profile__load__lolland_2023),
            cmocka_unit_test(test_profile__load__every_rule_cited),
            cmocka_unit_test(test_profile__load__texts_follow_seed),
            cmocka_unit_test(test_profile__find__by_name_and_path),
            cmocka_unit_test(test_profile__find__unknown_lists_known),
            cmocka_unit_test(test_profile__find__user_profile_name_checked),
            cmocka_unit_test(test_profile__load__holiday_switches),
            cmocka_unit_test(test_profile__load__bad_int),
            cmocka_unit_test(test_profile__load__bad_enum),
            cmocka_unit_test(test_profile__load__bad_bool),
            cmocka_unit_test(test_profile__load__bad_list),
            cmocka_unit_test(test_profile__load__bad_deadline),
            cmocka_unit_test(test_profile__load__bad_holiday),
            cmocka_unit_test(test_profile__load__unknown_section),
            cmocka_unit_test(test_profile__load__unknown_key),
            cmocka_unit_test(test_profile__load__missing_section),
            cmocka_unit_test(test_profile__load__missing_key),
            cmocka_unit_test(test_profile__load__missing_name),
            cmocka_unit_test(test_profile__load__duplicate_key),
            cmocka_unit_test(test_profile__load__duplicate_section),
            cmocka_unit_test(test_profile__load__bad_cite),
            cmocka_unit_test(test_profile__load__empty_text),
            cmocka_unit_test(test_profile__load__empty_file),
            cmocka_unit_test(test_profile__load__comments_only),
            cmocka_unit_test(test_profile__load__syntax_error_first),
            cmocka_unit_test(test_profile__load__key_outside_section),
            cmocka_unit_test(test_profile__load__earliest_error_wins),
            cmocka_unit_test(test_profile__load__long_line),
            cmocka_unit_test(test_profile__load__missing_file),
            cmocka_unit_test(test_profile__load__directory),
            cmocka_unit_test(test_profile__load__unreadable),
            cmocka_unit_test(test_profile__load__binary_content),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
