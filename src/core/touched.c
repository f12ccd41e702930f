/*
 * touched.c - the touched-set: the units of the read model an accepted action changed.
 *
 * The engine's mutation paths name each unit they change (engine_int.h: eng_t_*), with the
 * unit's table key as it is at that moment. Nothing here renders rows; rows.c does, for
 * exactly these units. Recording is off unless s->touched.track, so a replay pays nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"

void dt_unit_free(struct dt_unit *u)
{
        free(u->k1);
        free(u->k2);
        u->k1 = u->k2 = NULL;
}

void engine_touched_clear(struct pk_state *s)
{
        for (int i = 0; i < s->touched.n; i++)
                dt_unit_free(&s->touched.u[i]);
        s->touched.n = 0;
}

static int strcmp_null(const char *a, const char *b)
{
        if (!a || !b)
                return (a != NULL) - (b != NULL);
        return strcmp(a, b);
}

static int unit_cmp(const void *pa, const void *pb)
{
        const struct dt_unit *a = pa, *b = pb;
        if (a->kind != b->kind)
                return (int)a->kind - (int)b->kind;
        if (a->meeting != b->meeting)
                return a->meeting < b->meeting ? -1 : 1;
        if (a->num != b->num)
                return a->num < b->num ? -1 : 1;
        int c = strcmp_null(a->k1, b->k1);
        return c ? c : strcmp_null(a->k2, b->k2);
}

void engine_touched_unique(struct pk_state *s)
{
        struct pk_touched *t = &s->touched;
        if (t->n < 2)
                return;
        qsort(t->u, (size_t)t->n, sizeof *t->u, unit_cmp);
        int w = 1;
        for (int i = 1; i < t->n; i++) {
                if (unit_cmp(&t->u[i], &t->u[w - 1]) == 0)
                        dt_unit_free(&t->u[i]);
                else
                        t->u[w++] = t->u[i];
        }
        t->n = w;
}

static void touch(struct pk_state *s, enum dt_unit_kind k, int mi, long num, const char *k1,
                  const char *k2)
{
        struct pk_touched *t = &s->touched;
        if (!t->track)
                return;
        if (t->n == t->cap) {
                t->cap = t->cap ? t->cap * 2 : 16;
                t->u = pk_xrealloc(t->u, (size_t)t->cap * sizeof *t->u);
        }
        t->u[t->n++] = (struct dt_unit){.kind = k,
                                        .meeting = mi + 1,
                                        .num = num,
                                        .k1 = k1 ? pk_xstrdup(k1) : NULL,
                                        .k2 = k2 ? pk_xstrdup(k2) : NULL};
}

void eng_t_member(struct pk_state *s, int k)
{
        const struct member *mb = &s->members[k];
        touch(s, DU_MEMBER, -1, 0, s->bodies[mb->body].name, mb->name);
}

void eng_t_meeting(struct pk_state *s, int mi)
{
        touch(s, DU_MEETING, mi, 0, NULL, NULL);
}

void eng_t_item(struct pk_state *s, int mi, int i)
{
        touch(s, DU_ITEM, mi, s->meetings[mi].items[i].number, NULL, NULL);
}

void eng_t_outcome(struct pk_state *s, int mi, int i)
{
        touch(s, DU_OUTCOME, mi, s->meetings[mi].items[i].number, NULL, NULL);
}

void eng_t_subject(struct pk_state *s, int mi, int k)
{
        const struct meeting *m = &s->meetings[mi];
        const struct subject *sj = &m->subjects[k];
        touch(s, DU_SUBJECT, mi, sj->item >= 0 ? m->items[sj->item].number : 0, sj->id, NULL);
}

void eng_t_ballot(struct pk_state *s, int mi, int b)
{
        touch(s, DU_BALLOT, mi, b + 1, NULL, NULL);
}

void eng_t_att(struct pk_state *s, int mi, int member)
{
        touch(s, DU_ATTEND, mi, 0, s->members[member].name, NULL);
}

void eng_t_ruling(struct pk_state *s, int mi, int r)
{
        touch(s, DU_RULING, mi, r + 1, NULL, NULL);
}

void eng_t_election(struct pk_state *s, int mi, int e)
{
        touch(s, DU_ELECTION, mi, e + 1, NULL, NULL);
}
