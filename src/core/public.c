/*
 * public.c - what a public export may show of a meeting (SPEC §4): the one decision the
 * minutes and the CSV exports take from here, so they cannot disagree. Pure.
 */
#include "protokol/engine.h"

/* The doors' state recorded with an event hides it only where meetings are public. */
static bool doors_hide(const struct pk_state *s, const struct meeting *m, bool closed_doors)
{
        if (!closed_doors)
                return false;
        if (m->body < 0 || m->body >= s->nbodies)
                return true;
        return profile_int(&s->bodies[m->body].profile, R_MEETINGS_PUBLIC) != 0;
}

static bool item_closed(const struct meeting *m, int item)
{
        return item >= 0 && item < m->nitems && m->items[item].closed;
}

bool engine_public_subject(const struct pk_state *s, const struct meeting *m,
                           const struct subject *sj)
{
        return !doors_hide(s, m, sj->closed_doors) && !item_closed(m, sj->item) &&
               !item_closed(m, sj->room);
}

bool engine_public_ballot(const struct pk_state *s, const struct meeting *m, const struct ballot *b)
{
        if (doors_hide(s, m, b->closed_doors) || item_closed(m, b->item) || item_closed(m, b->room))
                return false;
        return b->subject < 0 || b->subject >= m->nsubjects ||
               engine_public_subject(s, m, &m->subjects[b->subject]);
}

bool engine_public_ruling(const struct pk_state *s, const struct meeting *m, const struct ruling *r)
{
        return !doors_hide(s, m, r->closed_doors) && !item_closed(m, r->item);
}
