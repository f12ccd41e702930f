/*
 * ctx.c - what the handlers of every rule area share: refusals that name their rule (the
 * reply's rule and the citation after the message), line errors, names resolved to members,
 * subjects added to a meeting, the speakers' list, and the texts several handlers write.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"
#include "protokol/i18n.h"

char *eng_strdup0(const char *s)
{
        return s ? pk_xstrdup(s) : NULL;
}

void eng_set_str(char **dst, const char *src)
{
        free(*dst);
        *dst = eng_strdup0(src);
}

/* "16:05" out of "2027-01-21T16:05:00". */
void eng_hhmm(const char *time, char out[6])
{
        if (time && strlen(time) >= 16)
                memcpy(out, time + 11, 5), out[5] = '\0';
        else
                pk_strlcpy(out, "", 6);
}

void why_free(struct why *w)
{
        sb_free(&w->text);
        w->rule = R__COUNT;
}

void why_add(struct why *w, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        sb_vaddf(&w->text, fmt, ap);
        va_end(ap);
}

void eng_why(struct why *why, const struct profile *p, enum rule_id rule, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        sb_vaddf(&why->text, fmt, ap);
        va_end(ap);
        why->rule = rule;
        (void)p;
}

struct subject *eng_add_subject(struct meeting *m, enum subject_kind k, int item, const char *id,
                                const char *text, const char *by)
{
        m->subjects = pk_xrealloc(m->subjects, (size_t)(m->nsubjects + 1) * sizeof *m->subjects);
        struct subject *sj = &m->subjects[m->nsubjects];
        memset(sj, 0, sizeof *sj);
        pk_strlcpy(sj->id, id, sizeof sj->id);
        sj->kind = k;
        sj->status = SS_OPEN;
        sj->item = item;
        sj->text = eng_strdup0(text);
        sj->by = eng_strdup0(by);
        sj->parent = -1;
        sj->room = m->current;
        sj->closed_doors = m->doors_closed;
        sj->target = -1;
        sj->rank = m->nsubjects;
        m->nsubjects++;
        return sj;
}

/* Resolves quoted names in an option to distinct present members; -1 on error. */
int eng_resolve_names(const struct pk_state *s, const struct meeting *m, const struct opt *o,
                      int *out, int max, struct sb *why)
{
        int n = 0;
        for (int i = 0; o && i < o->nvals; i++) {
                int k = eng_find_member(s, m->body, o->vals[i].text);
                if (k < 0) {
                        eng_no_member(s, m->body, o->vals[i].text, why);
                        return -1;
                }
                if (!eng_seated(s, m, k)) {
                        sb_addf(why, _("\"%s\" is not present"), o->vals[i].text);
                        return -1;
                }
                if (eng_in_list(out, n, k)) {
                        sb_addf(why, _("\"%s\" is named twice"), o->vals[i].text);
                        return -1;
                }
                if (n < max)
                        out[n++] = k;
        }
        return n;
}

const char *eng_pos(const struct ctx *c, int i)
{
        return i < c->a->npos ? c->a->pos[i].text : NULL;
}

enum pk_result eng_deny(struct ctx *c, enum rule_id rule, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        sb_vaddf(c->msg, fmt, ap);
        va_end(ap);
        c->reply->rule = rule;
        return PK_DENIED;
}

enum pk_result eng_err(struct ctx *c, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        sb_vaddf(c->msg, fmt, ap);
        va_end(ap);
        return PK_ERROR;
}

int eng_member_arg(struct ctx *c, const char *name)
{
        int body = c->m ? c->m->body : c->s->cur_body;
        int k = eng_find_member(c->s, body, name);
        if (k < 0)
                eng_no_member(c->s, body, name, c->msg);
        return k;
}

int eng_item_arg(struct ctx *c, int pos)
{
        int i = eng_item_by_number(c->m, eng_pos(c, pos));
        if (i < 0)
                eng_err(c, _("there is no item %s"), eng_pos(c, pos));
        return i;
}

int eng_pending_item_arg(struct ctx *c, int pos, enum pk_result *r)
{
        int i = eng_item_arg(c, pos);
        *r = PK_ERROR;
        if (i < 0)
                return -1;
        const struct item *it = &c->m->items[i];
        if (it->status != IS_PENDING) {
                *r = eng_deny(c, NO_RULE, _("item %d is %s"), it->number,
                              engine_item_status_name(it->status));
                return -1;
        }
        *r = PK_OK;
        return i;
}

void eng_drop_speaker(struct meeting *m, int k)
{
        for (int i = 0; i < m->nitems; i++) {
                struct item *it = &m->items[i];
                int w = 0;
                for (int j = 0; j < it->nspeakers; j++)
                        if (it->speakers[j] != k)
                                it->speakers[w++] = it->speakers[j];
                it->nspeakers = w;
                if (it->speaker == k)
                        it->speaker = -1;
        }
        int w = 0;
        for (int j = 0; j < m->nagenda_speakers; j++)
                if (m->agenda_speakers[j] != k)
                        m->agenda_speakers[w++] = m->agenda_speakers[j];
        m->nagenda_speakers = w;
        if (m->agenda_speaker == k)
                m->agenda_speaker = -1;
}

void eng_order_text(const struct meeting *m, const int *order, struct sb *out)
{
        for (int i = 0; i < m->nitems; i++)
                sb_addf(out, "%s%d", i ? ", " : "", m->items[order[i]].number);
}

/* Checks a by= list of demanding members against the profile's minimum. */
int eng_demanders(struct ctx *c, enum rule_id rule, const char *what)
{
        const struct opt *o = action_optv(c->a, "by");
        int idx[256];
        int need = profile_int(c->p, rule);
        int n = eng_resolve_names(c->s, c->m, o, idx, 256, c->msg);
        if (n < 0)
                return -2; /* a name that is not a member present: a bad line */
        for (int i = 0; i < n; i++)
                if (eng_inhabil(c->m, c->m->current, idx[i])) {
                        eng_deny(c, R_DISQUALIFICATION, _("\"%s\" is disqualified for this item"),
                                 c->s->members[idx[i]].name);
                        return -1;
                }
        if (n < need) {
                eng_deny(c, rule, _("%s needs %d members to demand it; %d did"), what, need, n);
                return -1;
        }
        return n;
}

const char *eng_ordinal(int n)
{
        switch (n) {
        case 1:
                return _("1st");
        case 2:
                return _("2nd");
        case 3:
                return _("3rd");
        default:
                return _("nth");
        }
}

/*
 * An item treated behind closed doors has ended: the doors open again where the body's
 * meetings are public, since only single items are closed (lolland-2023 § 1). Doors closed
 * between items stay closed until `doors open` or until an open item is taken.
 */
void eng_item_ended(struct ctx *c, const struct item *it)
{
        if (it->closed && c->m->doors_closed && profile_int(c->p, R_MEETINGS_PUBLIC)) {
                c->m->doors_closed = false;
                sb_add(c->msg, _("; the doors are open again"));
        }
}

bool eng_quorate(const struct pk_state *s, const struct meeting *m, struct why *why)
{
        int present = engine_present(s, m), need = engine_quorum_need(s, m);
        if (present >= need)
                return true;
        eng_why(why, eng_profile(s, m), R_QUORUM_PERCENT,
                _("not quorate: %d of %d present, %d needed"), present, eng_seats_in(s, m), need);
        return false;
}

void pk_rule_cite(const struct profile *p, enum rule_id rule, char *out, size_t n)
{
        const char *c = p && rule < R__COUNT ? p->rules[rule].cite : "";
        snprintf(out, n, "%s", strcmp(c, "-") ? c : "");
}
