/*
 * test_csv_import.c - the CSV import parser: a good file becomes the script lines a
 * secretary would have typed, and every malformed file is refused whole with the line,
 * column and CSV column of its first problem.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "protokol/import.h"
#include "protokol/script.h"

static int parse(enum import_kind k, const char *csv, const struct import_opts *o,
                 struct import_result *r, struct pk_err *e)
{
        memset(e, 0, sizeof *e);
        return csv_import_parse(k, csv, strlen(csv), "in.csv", o, r, e);
}

/* The file is refused at line:column, naming field (or none), with msg_part in the text. */
static void expect_refused_o(enum import_kind k, const char *csv, const struct import_opts *o,
                             int line, int column, const char *field, const char *msg_part)
{
        struct import_result r;
        struct pk_err e;
        if (parse(k, csv, o, &r, &e) == 0)
                fail_msg("accepted [%s]", csv);
        assert_int_equal(r.n, 0);
        assert_null(r.lines);
        assert_string_equal(e.file, "in.csv");
        if (!strstr(e.msg, msg_part))
                fail_msg("[%s]: message [%s] lacks [%s]", csv, e.msg, msg_part);
        if (e.line != line || e.column != column)
                fail_msg("[%s]: at %d:%d, expected %d:%d (%s)", csv, e.line, e.column, line, column,
                         e.msg);
        assert_string_equal(e.field, field ? field : "");
}

static void expect_refused(enum import_kind k, const char *csv, int line, int column,
                           const char *field, const char *msg_part)
{
        expect_refused_o(k, csv, NULL, line, column, field, msg_part);
}

/* The file is accepted with exactly the given lines (NULL-terminated) from these lines. */
static void expect_lines(enum import_kind k, const char *csv, const char *const *want,
                         const int *linenos)
{
        struct import_result r;
        struct pk_err e;
        if (parse(k, csv, NULL, &r, &e) < 0)
                fail_msg("refused [%s]: %d:%d: %s: %s", csv, e.line, e.column, e.field, e.msg);
        int n = 0;
        while (want[n])
                n++;
        assert_int_equal(r.n, n);
        for (int i = 0; i < n; i++) {
                assert_string_equal(r.lines[i], want[i]);
                assert_int_equal(r.linenos[i], linenos[i]);
        }
        import_result_free(&r);
}

static void test_csv_import__members__semicolon_bom_crlf_quoted_newline(void **state)
{
        (void)state;
        const char *csv = "\xEF\xBB\xBFname;party;role;substitute\r\n"
                          "\"Holger K. Nielsen; \"\"Holle\"\"\";F;mayor;\r\n"
                          "\"Søren\r\nPape\";C;Deputy;\"Karen Ærø\"\r\n"
                          "\r\n"
                          ";;;\r\n"
                          "Anne Berg;V;;\r\n";
        const char *want[] = {"member \"Holger K. Nielsen; \\\"Holle\\\"\" party=F role=mayor",
                              "member \"Søren Pape\" party=C role=deputy substitute=\"Karen Ærø\"",
                              "member \"Anne Berg\" party=V", NULL};
        const int lines[] = {2, 3, 7};
        expect_lines(IMPORT_MEMBERS, csv, want, lines);
        struct import_result r;
        struct pk_err e;
        assert_int_equal(parse(IMPORT_MEMBERS, csv, NULL, &r, &e), 0);
        assert_int_equal(r.rows_read, 3);
        import_result_free(&r);
}

static void test_csv_import__members__comma_optional_columns_any_order(void **state)
{
        (void)state;
        const char *csv = "party,name,since,born\n"
                          "V,Ida Ravn,2022-01-01,1970-05-31\n"
                          "A,Ole Dam,01-01-2018,\n"
                          "Ø,Bo Sø\n";
        const char *want[] = {"member \"Ida Ravn\" party=V born=1970-05-31 since=2022-01-01",
                              "member \"Ole Dam\" party=A since=2018-01-01",
                              "member \"Bo Sø\" party=Ø", NULL};
        const int lines[] = {2, 3, 4};
        expect_lines(IMPORT_MEMBERS, csv, want, lines);
}

/* substitute_rank: a substitute of the party's list at its place, in English or Danish. */
static void test_csv_import__members__substitute_rank(void **state)
{
        (void)state;
        const char *csv = "name,party,role,substitute_rank\n"
                          "Ida Ravn,V,mayor,\n"
                          "Finn Fisker,V,,1\n"
                          "Rikke Holm,V,, 2\n";
        const char *want[] = {"member \"Ida Ravn\" party=V role=mayor",
                              "member \"Finn Fisker\" party=V rank=1",
                              "member \"Rikke Holm\" party=V rank=2", NULL};
        const int lines[] = {2, 3, 4};
        expect_lines(IMPORT_MEMBERS, csv, want, lines);
        const char *da = "navn;parti;stedfortræder_nr\nFinn Fisker;V;1\n";
        const char *want_da[] = {"member \"Finn Fisker\" party=V rank=1", NULL};
        const int lines_da[] = {2};
        expect_lines(IMPORT_MEMBERS, da, want_da, lines_da);
}

/* Every line the import writes reads back, through the script parser, as the CSV values. */
static void test_csv_import__members__escaping_round_trips(void **state)
{
        (void)state;
        const char *csv =
            "name,party,substitute\n"
            "\"A \\\"\"back\\slash\\\"\" # not a comment\",V,\"Q \"\"quoted\"\" #2\"\n";
        struct import_result r;
        struct pk_err e;
        assert_int_equal(parse(IMPORT_MEMBERS, csv, NULL, &r, &e), 0);
        assert_int_equal(r.n, 1);
        struct action a;
        struct pk_err pe = {0};
        assert_int_equal(script_parse_line(r.lines[0], strlen(r.lines[0]), &a, &pe), SP_ACTION);
        assert_string_equal(a.pos[0].text, "A \\\"back\\slash\\\" # not a comment");
        assert_string_equal(action_opt(&a, "substitute"), "Q \"quoted\" #2");
        assert_string_equal(action_opt(&a, "party"), "V");
        action_free(&a);
        import_result_free(&r);
}

static void test_csv_import__agenda__all_columns(void **state)
{
        (void)state;
        const char *csv = "number;title;closed;category;reading;case;kind;proposer;submitted;"
                          "public-title\r\n"
                          "1;Godkendelse af dagsorden;nej;;;;;;;\r\n"
                          "2;\"Salg af grund,\r\nNørregade 4\";Ja;Real-Estate;;27-00095;;;;Salg af "
                          "grund\r\n"
                          "3;Budget 2027;;;2;B-27;budget;;;\r\n"
                          "4;Forslag om cykelsti;0;;;;;\"Anne Berg\";05.11.2026;\r\n"
                          "5;Lukket punkt;1;;;;;;;\r\n";
        const char *want[] = {
            "item \"Godkendelse af dagsorden\"",
            "item \"Salg af grund, Nørregade 4\" closed public-title=\"Salg af "
            "grund\" category=real-estate case=27-00095",
            "item \"Budget 2027\" reading=2 case=B-27 kind=budget",
            "item \"Forslag om cykelsti\" proposer=\"Anne Berg\" submitted=2026-11-05",
            "item \"Lukket punkt\" closed",
            NULL};
        const int lines[] = {2, 3, 5, 6, 7};
        expect_lines(IMPORT_AGENDA, csv, want, lines);
}

static void test_csv_import__agenda__numbers_follow_the_agenda(void **state)
{
        (void)state;
        struct import_opts o = {.first_number = 3};
        struct import_result r;
        struct pk_err e;
        assert_int_equal(parse(IMPORT_AGENDA, "number,title\n3,A\n4,B\n", &o, &r, &e), 0);
        assert_int_equal(r.n, 2);
        import_result_free(&r);
        expect_refused_o(IMPORT_AGENDA, "number,title\n1,A\n", &o, 2, 1, "number",
                         "this row is item 3");
        expect_refused(IMPORT_AGENDA, "number,title\n1,A\n3,B\n", 3, 1, "number",
                       "\"3\" is out of order: this row is item 2");
        expect_refused(IMPORT_AGENDA, "number,title\nx,A\n", 2, 1, "number",
                       "\"x\" is not an item number");
}

static void test_csv_import__error__broken_quoting(void **state)
{
        (void)state;
        /* a quote that is never closed: named where the value starts */
        expect_refused(IMPORT_MEMBERS, "name,party\nAnne,V\n\"Bo Dam,A\nCarl,V\n", 3, 1, NULL,
                       "never closed");
        /* a quote inside an unquoted value */
        expect_refused(IMPORT_MEMBERS, "name,party\nAnne \"Bo\" Dam,V\n", 2, 6, "name",
                       "broken quoting: a quote inside a value");
        /* text after the closing quote */
        expect_refused(IMPORT_MEMBERS, "name;party\r\nAnne;\"V\"x\r\n", 2, 9, "party",
                       "broken quoting: text after the closing quote");
        /* columns count characters, not bytes */
        expect_refused(IMPORT_MEMBERS, "name,party\nÆrø Øst,V\"\n", 2, 10, "party",
                       "broken quoting");
}

static void test_csv_import__error__header(void **state)
{
        (void)state;
        expect_refused(
            IMPORT_MEMBERS, "name,role\nAnne,mayor\n", 1, 1, "party",
            "lacks the required column \"party\" (required: name (navn), party (parti))");
        expect_refused(IMPORT_AGENDA, "number,closed\n1,no\n", 1, 1, "title",
                       "required column \"title\"");
        expect_refused(IMPORT_MEMBERS, "name,party,email\nAnne,V,a@b\n", 1, 12, "email",
                       "unknown column \"email\" (the columns are: name, party, role, "
                       "substitute, born, since, substitute_rank; in Danish: navn, parti, rolle, "
                       "stedfortræder, født, indtrådt, stedfortræder_nr)");
        expect_refused(IMPORT_MEMBERS, "name,party,Name\nAnne,V,x\n", 1, 12, "name",
                       "appears twice (first as column 1)");
        expect_refused(IMPORT_MEMBERS, "name,,party\nAnne,,V\n", 1, 6, NULL,
                       "column 2 of the header has no name");
        /* header names are matched without regard to case or surrounding space */
        struct import_result r;
        struct pk_err e;
        assert_int_equal(parse(IMPORT_MEMBERS, " Name , PARTY \nAnne,V\n", NULL, &r, &e), 0);
        import_result_free(&r);
}

static void test_csv_import__error__values(void **state)
{
        (void)state;
        expect_refused(IMPORT_MEMBERS, "name,party,role\nAnne,V,mayor\nBo,A,boss\n", 3, 6, "role",
                       "\"boss\" is not one of mayor, chair, vice-chair, deputy, member");
        expect_refused(IMPORT_MEMBERS, "name;party\n\"  \";V\n", 2, 1, "name", "the name is empty");
        expect_refused(IMPORT_MEMBERS, "name;party\nAnne;\n", 2, 6, "party", "the party is empty");
        expect_refused(IMPORT_MEMBERS, "name;party\nAnne;Lokal Liste\n", 2, 6, "party",
                       "is not one word");
        expect_refused(IMPORT_MEMBERS, "name,party,born\nAnne,V,1970-02-30\n", 2, 8, "born",
                       "\"1970-02-30\" is not a date");
        expect_refused(IMPORT_MEMBERS, "name,party\n\"An\x01ne\",V\n", 2, 1, "name",
                       "control character");
        expect_refused(IMPORT_AGENDA, "number,title,kind\n1,Budget,annual\n", 2, 10, "kind",
                       "\"annual\" is not one of ordinary, budget, bylaws");
        expect_refused(IMPORT_AGENDA, "number,title,reading\n1,Budget,3\n", 2, 10, "reading",
                       "\"3\" is not 1 or 2");
        expect_refused(IMPORT_AGENDA, "number,title,closed\n1,A,no\n2,B,maybe\n", 3, 5, "closed",
                       "\"maybe\" is not one of yes, no, ja, nej, 1, 0");
        expect_refused(IMPORT_AGENDA, "number,title\n1,\n", 2, 3, "title", "the title is empty");
        expect_refused(IMPORT_AGENDA, "number,title,category\n1,A,real estate\n", 2, 5, "category",
                       "is not a category");
        expect_refused(IMPORT_AGENDA, "number,title,case\n1,A,27 00\n", 2, 5, "case",
                       "is not a case number");
        expect_refused(IMPORT_AGENDA, "number,title,proposer,submitted\n1,A,Anne,\n", 2, 10,
                       "submitted", "needs both proposer and submitted");
        expect_refused(IMPORT_AGENDA, "number,title,proposer,submitted\n1,A,,2026-01-01\n", 2, 5,
                       "proposer", "needs both proposer and submitted");
        expect_refused(IMPORT_AGENDA, "number,title,proposer,submitted\n1,A,Anne,1/2/26\n", 2, 10,
                       "submitted", "\"1/2/26\" is not a date");
        /* a value missing at the end of a short row is placed where the row ends */
        expect_refused(IMPORT_AGENDA, "number,title,proposer,submitted\n1,A,Anne\n", 2, 9,
                       "submitted", "needs both proposer and submitted");
}

static void test_csv_import__error__duplicates(void **state)
{
        (void)state;
        expect_refused(IMPORT_MEMBERS, "name,party\nAnne,V\nBo,A\nAnne,C\n", 4, 1, "name",
                       "\"Anne\" appears twice in the file (first on line 2)");
        expect_refused(IMPORT_MEMBERS, "name,party,substitute\nAnne,V,Bo\nBo,A,\n", 3, 1, "name",
                       "\"Bo\" appears twice in the file (first on line 2)");
        expect_refused(IMPORT_MEMBERS, "name,party,substitute\nAnne,V,Anne\n", 2, 8, "substitute",
                       "appears twice");
        const char *known[] = {"Carl Holm", "Dorte Vig"};
        struct import_opts o = {.known = known, .nknown = 2};
        expect_refused_o(IMPORT_MEMBERS, "name,party,substitute\nAnne,V,\nEva,A,Dorte Vig\n", &o, 3,
                         7, "substitute", "\"Dorte Vig\" is already registered in this body");
}

static void test_csv_import__error__extra_fields(void **state)
{
        (void)state;
        expect_refused(IMPORT_MEMBERS, "name,party\nAnne,V\nBerg, Anne,V\n", 3, 12, NULL,
                       "the row has 3 fields, the header 2 columns");
}

static void test_csv_import__error__encoding_and_empty(void **state)
{
        (void)state;
        /* "Søren" in Windows-1252: ø is the single byte 0xF8 */
        expect_refused(IMPORT_MEMBERS, "name,party\nAnne,V\nS\xf8ren,A\n", 3, 2, NULL,
                       "iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv");
        expect_refused(IMPORT_MEMBERS, "", 1, 1, NULL, "the file is empty");
        expect_refused(IMPORT_MEMBERS, "\xEF\xBB\xBF\r\n\r\n", 1, 1, NULL, "the file is empty");
        expect_refused(IMPORT_MEMBERS, "\xFF\xFEn\0", 1, 1, NULL, "UTF-16");
        struct import_result r;
        struct pk_err e = {0};
        const char nul[] = "name,party\nA\0,V\n";
        assert_int_equal(
            csv_import_parse(IMPORT_MEMBERS, nul, sizeof nul - 1, "in.csv", NULL, &r, &e), -1);
        assert_int_equal(e.line, 2);
        assert_int_equal(e.column, 2);
        assert_non_null(strstr(e.msg, "NUL byte"));
}

static void test_csv_import__header_only__nothing_to_import(void **state)
{
        (void)state;
        struct import_result r;
        struct pk_err e;
        assert_int_equal(parse(IMPORT_AGENDA, "number,title\r\n", NULL, &r, &e), 0);
        assert_int_equal(r.n, 0);
        assert_int_equal(r.rows_read, 0);
        import_result_free(&r);
}

static void test_csv_import__error__row_too_long(void **state)
{
        (void)state;
        char csv[SCRIPT_MAX_LINE + 64];
        int n = snprintf(csv, sizeof csv, "number,title\n1,");
        memset(csv + n, 'x', SCRIPT_MAX_LINE);
        csv[n + SCRIPT_MAX_LINE] = '\0';
        expect_refused(IMPORT_AGENDA, csv, 2, 1, NULL, "the row is too long");
}

/* Danish headers and values, in any case, as Danish Excel writes them. */
static void test_csv_import__danish__headers_and_values(void **state)
{
        (void)state;
        static const char *members[] = {
            "member \"Anne Berg\" party=A role=mayor",
            "member \"Bo Holm\" party=A role=deputy",
            "member \"Carl Dam\" party=V role=chair born=1960-05-01",
            "member \"Dorte Ørum\" party=V role=vice-chair since=2022-01-01",
            "member \"Erik Sø\" party=F role=member",
            NULL};
        static const int mlines[] = {2, 3, 4, 5, 6};
        expect_lines(IMPORT_MEMBERS,
                     "\xEF\xBB\xBFNAVN;Parti;rolle;FØDT;Indtrådt\r\n"
                     "Anne Berg;A;Borgmester;;\r\n"
                     "Bo Holm;A;VICEBORGMESTER;;\r\n"
                     "Carl Dam;V;formand;01-05-1960;\r\n"
                     "Dorte Ørum;V;NÆSTFORMAND;;01.01.2022\r\n"
                     "Erik Sø;F;Medlem;;\r\n",
                     members, mlines);
        static const char *items[] = {
            "item \"Salg af grund\" closed category=real-estate case=27-1 kind=budget",
            "item \"Cykelsti\" reading=1 proposer=\"Erik Sø\" submitted=2027-01-10", NULL};
        static const int ilines[] = {2, 3};
        expect_lines(
            IMPORT_AGENDA,
            "Nummer;Titel;LUKKET;Kategori;Behandling;Sag;Type;Forslagsstiller;Indleveret\r\n"
            "1;Salg af grund;JA;real-estate;;27-1;budget;;\r\n"
            "2;Cykelsti;Nej;;1;;;Erik Sø;10-01-2027\r\n",
            items, ilines);
        /* refusals name the column as the header writes it */
        expect_refused(IMPORT_MEMBERS, "navn;parti;rolle\r\nAnne;A;dronning\r\n", 2, 8, "rolle",
                       "\"dronning\" is not one of mayor");
        expect_refused(IMPORT_AGENDA, "nummer;titel;lukket\r\n1;X;måske\r\n", 2, 5, "lukket",
                       "is not one of yes, no, ja, nej");
        /* the two names of a column are the same column */
        expect_refused(IMPORT_MEMBERS, "name,navn,party\nA,B,C\n", 1, 6, "navn", "appears twice");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_csv_import__members__semicolon_bom_crlf_quoted_newline),
            cmocka_unit_test(test_csv_import__members__comma_optional_columns_any_order),
            cmocka_unit_test(test_csv_import__members__escaping_round_trips),
            cmocka_unit_test(test_csv_import__members__substitute_rank),
            cmocka_unit_test(test_csv_import__agenda__all_columns),
            cmocka_unit_test(test_csv_import__agenda__numbers_follow_the_agenda),
            cmocka_unit_test(test_csv_import__error__broken_quoting),
            cmocka_unit_test(test_csv_import__error__header),
            cmocka_unit_test(test_csv_import__error__values),
            cmocka_unit_test(test_csv_import__error__duplicates),
            cmocka_unit_test(test_csv_import__error__extra_fields),
            cmocka_unit_test(test_csv_import__error__encoding_and_empty),
            cmocka_unit_test(test_csv_import__header_only__nothing_to_import),
            cmocka_unit_test(test_csv_import__error__row_too_long),
            cmocka_unit_test(test_csv_import__danish__headers_and_values),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
