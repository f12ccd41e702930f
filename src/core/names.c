/*
 * names.c - finding members by name as people type them: folding a name for comparison
 * (case and accents), and the one message for a name that is not a member, with the
 * closest names ("did you mean ...").
 *
 * Pure functions of their arguments (no I/O): used by the engine where names are resolved
 * and by the UI's member pickers and completion.
 */
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "engine_int.h"
#include "protokol/i18n.h"
#include "protokol/util.h"

/* The folded form of a Latin-1 or Latin Extended-A letter, or NULL. */
static const char *fold_cp(unsigned c)
{
        static const struct {
                unsigned c;
                const char *f;
        } tab[] = {
            {0xC0, "a"},  {0xC1, "a"},  {0xC2, "a"},  {0xC3, "a"},  {0xC4, "a"},  {0xC5, "a"},
            {0xC6, "ae"}, {0xC7, "c"},  {0xC8, "e"},  {0xC9, "e"},  {0xCA, "e"},  {0xCB, "e"},
            {0xCC, "i"},  {0xCD, "i"},  {0xCE, "i"},  {0xCF, "i"},  {0xD0, "d"},  {0xD1, "n"},
            {0xD2, "o"},  {0xD3, "o"},  {0xD4, "o"},  {0xD5, "o"},  {0xD6, "o"},  {0xD8, "o"},
            {0xD9, "u"},  {0xDA, "u"},  {0xDB, "u"},  {0xDC, "u"},  {0xDD, "y"},  {0xDE, "th"},
            {0xDF, "ss"}, {0xE0, "a"},  {0xE1, "a"},  {0xE2, "a"},  {0xE3, "a"},  {0xE4, "a"},
            {0xE5, "a"},  {0xE6, "ae"}, {0xE7, "c"},  {0xE8, "e"},  {0xE9, "e"},  {0xEA, "e"},
            {0xEB, "e"},  {0xEC, "i"},  {0xED, "i"},  {0xEE, "i"},  {0xEF, "i"},  {0xF0, "d"},
            {0xF1, "n"},  {0xF2, "o"},  {0xF3, "o"},  {0xF4, "o"},  {0xF5, "o"},  {0xF6, "o"},
            {0xF8, "o"},  {0xF9, "u"},  {0xFA, "u"},  {0xFB, "u"},  {0xFC, "u"},  {0xFD, "y"},
            {0xFE, "th"}, {0xFF, "y"},  {0x141, "l"}, {0x142, "l"}, {0x160, "s"}, {0x161, "s"},
            {0x17D, "z"}, {0x17E, "z"}, {0x10C, "c"}, {0x10D, "c"}, {0x106, "c"}, {0x107, "c"},
            {0x15A, "s"}, {0x15B, "s"}, {0x179, "z"}, {0x17A, "z"}, {0x17B, "z"}, {0x17C, "z"},
            {0x118, "e"}, {0x119, "e"}, {0x104, "a"}, {0x105, "a"}, {0x143, "n"}, {0x144, "n"},
        };
        for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
                if (tab[i].c == c)
                        return tab[i].f;
        return NULL;
}

void pk_fold(const char *s, char *out, size_t n)
{
        size_t at = 0;
        if (n == 0)
                return;
        const unsigned char *u = (const unsigned char *)s;
        while (*u) {
                unsigned c = *u;
                size_t len = 1;
                if (c >= 0xC2 && c < 0xE0 && (u[1] & 0xC0) == 0x80) {
                        c = (c & 0x1F) << 6 | (u[1] & 0x3F);
                        len = 2;
                }
                const char *f = c >= 0x80 ? fold_cp(c) : NULL;
                char one[2] = {(char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c), '\0'};
                if (!f && c < 0x80)
                        f = one;
                size_t fl = f ? strlen(f) : len;
                if (at + fl >= n)
                        break;
                memcpy(out + at, f ? f : (const char *)u, fl);
                at += fl;
                u += len;
        }
        out[at] = '\0';
}

bool pk_fold_prefix(const char *name, const char *prefix)
{
        char a[512], b[512];
        pk_fold(name, a, sizeof a);
        pk_fold(prefix, b, sizeof b);
        return strncmp(a, b, strlen(b)) == 0;
}

void eng_no_member(const struct pk_state *s, int body, const char *name, struct sb *out)
{
        enum { MAXS = 3 };
        char want[512];
        pk_fold(name, want, sizeof want);
        int wl = (int)strlen(want);
        int cap = wl < 6 ? 2 : wl / 3;
        int best[MAXS], bestd[MAXS], nb = 0;
        for (int k = 0; k < s->nmembers; k++) {
                if (s->members[k].body != body)
                        continue;
                char have[512];
                pk_fold(s->members[k].name, have, sizeof have);
                int d = pk_edit_distance(want, have, cap);
                /* the first name or the surname alone also counts as close */
                if (d > cap && wl >= 3 && strstr(have, want))
                        d = cap;
                if (d > cap)
                        continue;
                int at;
                if (nb < MAXS)
                        at = nb++;
                else if (d < bestd[MAXS - 1])
                        at = MAXS - 1;
                else
                        continue;
                best[at] = k;
                bestd[at] = d;
                for (int i = at; i > 0 && bestd[i] < bestd[i - 1]; i--) {
                        int tk = best[i], td = bestd[i];
                        best[i] = best[i - 1];
                        bestd[i] = bestd[i - 1];
                        best[i - 1] = tk;
                        bestd[i - 1] = td;
                }
        }
        if (nb == 0) {
                sb_addf(out, _("no member named \"%s\""), name);
                return;
        }
        struct sb list = {0};
        for (int i = 0; i < nb; i++) {
                if (i > 0)
                        sb_add(&list, i == nb - 1 ? _(" or ") : ", ");
                sb_addf(&list, "\"%s\"", s->members[best[i]].name);
        }
        sb_addf(out, _("no member named \"%s\" (did you mean %s?)"), name, sb_str(&list));
        sb_free(&list);
}
/* ---------- the words of the enums (engine.h: PK_ROLES, PK_SUBJECT_KINDS, ...) ---------- */

#define W3(id, w, l) [id] = w,
#define L3(id, w, l) [id] = l,
#define W4(id, w, l, d) [id] = w,
#define L4(id, w, l, d) [id] = l,
#define D4(id, w, l, d) [id] = d,
#define W5(id, w, l, s, d) [id] = w,
#define L5(id, w, l, s, d) [id] = l,
#define S5(id, w, l, s, d) [id] = s,
#define D5(id, w, l, s, d) [id] = d,

static const char *const role_w[] = {PK_ROLES(W5)}, *const role_l[] = {PK_ROLES(L5)},
                         *const role_s[] = {PK_ROLES(S5)}, *const role_d[] = {PK_ROLES(D5)};
static const char *const kind_w[] = {PK_SUBJECT_KINDS(W4)},
                         *const kind_l[] = {PK_SUBJECT_KINDS(L4)},
                         *const kind_d[] = {PK_SUBJECT_KINDS(D4)};
static const char *const sstat_w[] = {PK_SUBJECT_STATUSES(W3)};
static const char *const istat_w[] = {PK_ITEM_STATUSES(W3)}, *const istat_l[] = {
                                                                 PK_ITEM_STATUSES(L3)};
static const char *const mstate_w[] = {PK_MEETING_STATES(W3)}, *const mstate_l[] = {
                                                                   PK_MEETING_STATES(L3)};
static const char *const att_w[] = {PK_ATT_STATUSES(W3)};

#define PICK(tab, i, n) ((unsigned)(i) < (unsigned)(n) ? (tab)[i] : "?")

const char *engine_role_word(enum role r)
{
        return PICK(role_w, r, ROLE__COUNT);
}

const char *engine_role_label(enum role r)
{
        return _(PICK(role_l, r, ROLE__COUNT));
}

const char *engine_role_short(enum role r)
{
        return (unsigned)r < ROLE__COUNT && role_s[r] ? _(role_s[r]) : NULL;
}

const char *engine_role_da(enum role r)
{
        return PICK(role_d, r, ROLE__COUNT);
}

int engine_role_parse(const char *w, bool da)
{
        for (int r = 0; w && r < ROLE__COUNT; r++)
                if (!strcasecmp(w, da ? role_d[r] : role_w[r]))
                        return r;
        return -1;
}

const char *engine_subject_kind_word(enum subject_kind k)
{
        return PICK(kind_w, k, SK__COUNT);
}

const char *engine_subject_kind_name(enum subject_kind k)
{
        return _(PICK(kind_l, k, SK__COUNT));
}

const char *engine_subject_kind_da(enum subject_kind k)
{
        return PICK(kind_d, k, SK__COUNT);
}

const char *engine_subject_status_word(enum subject_status st)
{
        return PICK(sstat_w, st, SS__COUNT);
}

const char *engine_item_status_word(enum item_status st)
{
        return PICK(istat_w, st, IS__COUNT);
}

const char *engine_item_status_name(enum item_status st)
{
        return _(PICK(istat_l, st, IS__COUNT));
}

const char *engine_meeting_state_word(enum meeting_state st)
{
        return PICK(mstate_w, st, MS__COUNT);
}

const char *engine_meeting_state_name(enum meeting_state st)
{
        return _(PICK(mstate_l, st, MS__COUNT));
}

const char *engine_att_word(enum att_status st)
{
        return PICK(att_w, st, ATT__COUNT);
}

enum role eng_parse_role(const char *w, bool *ok)
{
        int r = w ? engine_role_parse(w, false) : ROLE_MEMBER;
        *ok = r >= 0 && (!w || !strcmp(w, role_w[r]));
        return *ok ? (enum role)r : ROLE_MEMBER;
}
