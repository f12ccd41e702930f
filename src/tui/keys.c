/*
 * keys.c - key bindings as data: the table of actions, the default bindings
 * {pane, key, action}, the user's binding file, key names, and the test seam's key file.
 *
 * A key is looked up in the pane that has the focus, then in "global". The user's file
 * ($XDG_CONFIG_HOME/protokol/keys, else ~/.config/protokol/keys) holds lines
 *     bind PANE KEY ACTION        e.g.  bind global <F5> vote
 * with # comments; a user binding replaces the default for the same pane and key
 * (ACTION none unbinds). A bad line is skipped (the UI must start in a meeting).
 *
 * The seam file (PROTOKOL_TUI_KEYS) holds one key per line: a literal character, a key
 * name in <...>, or a seam command: <Resize WxH>, <Dump FILE>, <Type TEXT> (each
 * character of TEXT as a key).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "protokol/i18n.h"
#include "tui_int.h"

const struct tui_action_info tui_actions[TA__COUNT] = {
#define X(id, name, verb, help) [id] = {name, verb, help},
    TUI_ACTIONS(X)
#undef X
};

#define FN(k) (TK_FN | (k))
#define CTRL(c) ((c)&0x1f)

static const struct {
        const char *pane, *key;
        enum tui_action action;
} defaults[] = {
    /* the global map: meeting actions first (the status line lists them in this order) */
    {"global", "t", TA_TAKE},
    {"global", "m", TA_MOTION},
    {"global", "e", TA_AMEND},
    {"global", "E", TA_SUBAMEND},
    {"global", "p", TA_PROCEDURAL},
    {"global", "v", TA_VOTE},
    {"global", "b", TA_BALLOT},
    {"global", "s", TA_SPEAKER},
    {"global", "n", TA_NEXT},
    {"global", "c", TA_CLOSURE},
    {"global", "D", TA_DECLARE},
    {"global", "=", TA_DECIDE},
    {"global", "!", TA_DEMAND},
    {"global", "w", TA_DECISION},
    {"global", "d", TA_DONE},
    {"global", "P", TA_POSTPONE},
    {"global", "a", TA_ARRIVE},
    {"global", "l", TA_LEAVE},
    {"global", "i", TA_INHABIL},
    {"global", "k", TA_CALL},
    {"global", "K", TA_DENY},
    {"global", "o", TA_DOORS},
    {"global", "R", TA_RULING},
    {"global", "O", TA_OPEN},
    {"global", "C", TA_CLOSE},
    {"global", "+", TA_PRESENT_ALL},
    {"global", "x", TA_ABSENT},
    {"global", "U", TA_DISSENT},
    {"global", "B", TA_SUBSTITUTE},
    {"global", "S", TA_SIGN},
    {"global", "V", TA_ELECTION},
    {"global", "I", TA_CANDIDATE},
    {"global", "#", TA_ROUND},
    {"global", "%", TA_ALLOCATE},
    {"global", "L", TA_LOT},
    {"global", "M", TA_MESSAGES},
    {"global", "u", TA_UNDO},
    {"global", ":", TA_COMMAND},
    {"global", "r", TA_RULINGS},
    {"global", "F", TA_DEADLINES},
    {"global", "A", TA_ARCHIVE},
    {"global", "/", TA_SEARCH},
    {"global", "?", TA_HELP},
    {"global", "q", TA_QUIT},
    {"global", "<Tab>", TA_FOCUS_NEXT},
    {"global", "<BTab>", TA_FOCUS_PREV},
    {"global", "<C-l>", TA_REDRAW},
    {"global", "<Up>", TA_UP},
    {"global", "<Down>", TA_DOWN},
    {"global", "<PgUp>", TA_PGUP},
    {"global", "<PgDn>", TA_PGDN},
    {"global", "<Home>", TA_HOME},
    {"global", "<End>", TA_END},
    {"global", "<Enter>", TA_SELECT},
    {"global", "<Esc>", TA_CANCEL},
    /* the named vote */
    {"vote", "1", TA_V_PARTY1},
    {"vote", "2", TA_V_PARTY2},
    {"vote", "3", TA_V_PARTY3},
    {"vote", "4", TA_V_PARTY4},
    {"vote", "5", TA_V_PARTY5},
    {"vote", "6", TA_V_PARTY6},
    {"vote", "7", TA_V_PARTY7},
    {"vote", "8", TA_V_PARTY8},
    {"vote", "9", TA_V_PARTY9},
    {"vote", "f", TA_V_FOR},
    {"vote", "a", TA_V_AGAINST},
    {"vote", "x", TA_V_ABSTAIN},
    {"vote", "<Space>", TA_V_CYCLE},
    {"vote", "<Backspace>", TA_V_CLEAR},
    {"vote", "F", TA_V_REST_FOR},
    {"vote", "A", TA_V_REST_AGAINST},
    {"vote", "X", TA_V_REST_ABSTAIN},
    {"vote", "#", TA_V_COUNTS},
    {"vote", "<Enter>", TA_SELECT},
    {"vote", "<Esc>", TA_CANCEL},
    /* the views close with their own key, Esc or q */
    {"rulings", "r", TA_CANCEL},
    {"rulings", "q", TA_CANCEL},
    {"deadlines", "F", TA_CANCEL},
    {"deadlines", "q", TA_CANCEL},
    /* after close: the protocol for reading aloud */
    {"closed", "p", TA_READ},
    /* the signing sheet */
    {"sign", "S", TA_SIGN_ALL},
    {"sign", "<Enter>", TA_SELECT},
    {"sign", "<Esc>", TA_CANCEL},
    {"help", "?", TA_CANCEL},
    {"help", "q", TA_CANCEL},
    {"archive", "A", TA_CANCEL},
    {"archive", "q", TA_CANCEL},
    {"search", "q", TA_CANCEL},
};

static struct binding *table;
static int ntable;

static const struct {
        const char *name;
        int key;
} names[] = {
    {"Enter", TK_ENTER},
    {"Esc", TK_ESC},
    {"Tab", TK_TAB},
    {"BTab", FN(KEY_BTAB)},
    {"Up", FN(KEY_UP)},
    {"Down", FN(KEY_DOWN)},
    {"Left", FN(KEY_LEFT)},
    {"Right", FN(KEY_RIGHT)},
    {"PgUp", FN(KEY_PPAGE)},
    {"PgDn", FN(KEY_NPAGE)},
    {"Home", FN(KEY_HOME)},
    {"End", FN(KEY_END)},
    {"Backspace", FN(KEY_BACKSPACE)},
    {"Del", FN(KEY_DC)},
    {"Space", ' '},
    {"Resize", FN(KEY_RESIZE)},
};

int keys_parse(const char *s)
{
        size_t n = strlen(s);
        if (n >= 3 && s[0] == '<' && s[n - 1] == '>') {
                char name[32];
                if (n - 2 >= sizeof name)
                        return 0;
                memcpy(name, s + 1, n - 2);
                name[n - 2] = '\0';
                for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
                        if (!strcmp(names[i].name, name))
                                return names[i].key;
                if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3])
                        return CTRL(name[2]);
                if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
                        int f = atoi(name + 1);
                        if (f >= 1 && f <= 12)
                                return FN(KEY_F(f));
                }
                return 0;
        }
        /* one character, in UTF-8 (whatever the locale) */
        uint32_t c;
        if (n == 0 || tui_u8_decode(s, n, &c) != n || c == 0xFFFD)
                return 0;
        return (int)c;
}

void keys_name(int key, char *buf, size_t n)
{
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
                if (names[i].key == key) {
                        snprintf(buf, n, "%s", names[i].name);
                        return;
                }
        if (key & TK_FN) {
                int k = key & ~TK_FN;
                if (k >= KEY_F(1) && k <= KEY_F(12))
                        snprintf(buf, n, "F%d", k - KEY_F(0));
                else
                        snprintf(buf, n, "key%d", k);
                return;
        }
        if (key > 0 && key < 32) {
                snprintf(buf, n, "C-%c", key + 'a' - 1);
                return;
        }
        char mb[5];
        mb[key > 0 ? tui_u8_encode((uint32_t)key, mb) : 0] = '\0';
        snprintf(buf, n, "%s", mb);
}

static enum tui_action action_by_name(const char *name)
{
        for (int i = 0; i < TA__COUNT; i++)
                if (!strcmp(tui_actions[i].name, name))
                        return (enum tui_action)i;
        return TA__COUNT;
}

static void bind_key(const char *pane, int key, enum tui_action a)
{
        for (int i = 0; i < ntable; i++)
                if (table[i].key == key && !strcmp(table[i].pane, pane)) {
                        table[i].action = a;
                        return;
                }
        table = pk_xrealloc(table, (size_t)(ntable + 1) * sizeof *table);
        snprintf(table[ntable].pane, sizeof table[ntable].pane, "%s", pane);
        table[ntable].key = key;
        table[ntable].action = a;
        ntable++;
}

static void load_user_file(void)
{
        char path[1024];
        const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
        if (xdg && xdg[0])
                snprintf(path, sizeof path, "%s/protokol/keys", xdg);
        else if (home)
                snprintf(path, sizeof path, "%s/.config/protokol/keys", home);
        else
                return;
        FILE *f = fopen(path, "r");
        if (!f)
                return;
        char line[256];
        while (fgets(line, sizeof line, f)) {
                char kw[16], pane[16], key[64], act[32];
                if (line[0] == '#' ||
                    sscanf(line, "%15s %15s %63s %31s", kw, pane, key, act) != 4 ||
                    strcmp(kw, "bind"))
                        continue;
                int k = keys_parse(key);
                enum tui_action a = action_by_name(act);
                if (k && a != TA__COUNT)
                        bind_key(pane, k, a);
        }
        fclose(f);
}

void keys_init(void)
{
        keys_free();
        for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
                bind_key(defaults[i].pane, keys_parse(defaults[i].key), defaults[i].action);
        load_user_file();
}

void keys_free(void)
{
        free(table);
        table = NULL;
        ntable = 0;
}

enum tui_action keys_lookup_pane(const char *pane, int key)
{
        for (int i = 0; i < ntable; i++)
                if (table[i].key == key && !strcmp(table[i].pane, pane))
                        return table[i].action;
        return TA_NONE;
}

enum tui_action keys_lookup(const char *pane, int key)
{
        enum tui_action a = pane ? keys_lookup_pane(pane, key) : TA_NONE;
        return a != TA_NONE ? a : keys_lookup_pane("global", key);
}

int keys_for(const char *pane, enum tui_action a)
{
        for (int i = 0; i < ntable; i++)
                if (table[i].action == a && !strcmp(table[i].pane, pane ? pane : "global"))
                        return table[i].key;
        return 0;
}

const struct binding *keys_table(int *n)
{
        *n = ntable;
        return table;
}

/* ---------- the test seam ---------- */

static wchar_t pending[1024];
static int npending, ipending;

enum seam_cmd keys_seam_next(FILE *f, int *key, int *w, int *h, char *arg, size_t n)
{
        if (ipending < npending) {
                *key = (int)pending[ipending++];
                return SEAM_KEY;
        }
        char line[1200];
        while (fgets(line, sizeof line, f)) {
                size_t len = strlen(line);
                while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                        line[--len] = '\0';
                if (len == 0)
                        continue;
                if (!strncmp(line, "<Resize ", 8) && sscanf(line + 8, "%dx%d", w, h) == 2)
                        return SEAM_RESIZE;
                if (!strncmp(line, "<Dump ", 6) && line[len - 1] == '>') {
                        line[len - 1] = '\0';
                        snprintf(arg, n, "%s", line + 6);
                        return SEAM_DUMP;
                }
                if (!strncmp(line, "<Type ", 6) && line[len - 1] == '>') {
                        line[len - 1] = '\0';
                        int r = tui_u8_to_wcs(line + 6, pending, 1023);
                        if (r == 0)
                                continue;
                        npending = r;
                        ipending = 1;
                        *key = (int)pending[0];
                        return SEAM_KEY;
                }
                int k = keys_parse(line);
                if (k) {
                        *key = k;
                        return SEAM_KEY;
                }
                fprintf(stderr, _("protokol: %s: not a key\n"), line);
        }
        return SEAM_EOF;
}
