/*
 * rules/agenda.c - the agenda and its items: `meeting`/`plan` (and the meetings on demand and
 * in writing), `item` (deadlines for member proposals, closed categories, two readings),
 * `dispatched` and `urgent` (the agenda's deadline, a late agenda), `correct item` and `drop`
 * (an item corrected or withdrawn). The order of items and an item's end: rules/order.c.
 *
 * Rules: R_PROPOSAL_DEADLINE, R_AGENDA_DEADLINE, R_LATE_AGENDA, R_CLOSED_MANDATORY,
 * R_CLOSED_DEFAULT, R_TWO_READINGS, R_READING_INTERVAL_HOURS, R_READING_BUDGET_DAYS,
 * R_READING_BYLAWS_DAYS, R_MEETING_DEMAND, R_WRITTEN_HEARING.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine_int.h"
#include "protokol/deadlines.h"
#include "protokol/i18n.h"

/* Verb: meeting. A new meeting of the body while the current one runs is refused. */
bool chk_meeting(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                 const struct action *a, struct why *why)
{
        (void)p, (void)a;
        if (m && m->body == s->cur_body && (m->state == MS_OPEN || m->state == MS_SUSPENDED)) {
                why_add(why, "%s", _("the current meeting is still open: close it first"));
                return false;
        }
        return true;
}

/*
 * meeting ... by="A","B",...: an extraordinary meeting convened at the demand of members.
 * Rules: R_MEETING_DEMAND (the share of the members who may demand it: 1 in N of the seats,
 * rounded up; 0: the rules give the members no such right). Writes the members into *by.
 */
static enum pk_result demanders(struct ctx *c, enum meeting_kind k, int **by, int *nby)
{
        const struct opt *o = action_optv(c->a, "by");
        if (!o)
                return PK_OK;
        const struct pk_state *s = c->s;
        const struct profile *p = &s->bodies[s->cur_body].profile;
        c->p = p;
        if (k != MK_EXTRAORDINARY)
                return eng_err(c, "%s",
                               _("by= names the members who demanded an extraordinary meeting: "
                                 "give kind=extraordinary"));
        int denom = profile_int(p, R_MEETING_DEMAND);
        if (denom == 0)
                return eng_deny(c, R_MEETING_DEMAND,
                                _("this body's rules give the members no right to demand a "
                                  "meeting"));
        int *v = pk_xmalloc((size_t)(o->nvals + 1) * sizeof(int));
        int n = 0;
        for (int i = 0; i < o->nvals; i++) {
                const char *name = o->vals[i].text;
                int mk = o->vals[i].quoted ? eng_find_member(s, s->cur_body, name) : -1;
                if (!o->vals[i].quoted) {
                        free(v);
                        return eng_err(c, _("by: \"%s\" is not a name (\"NAME\")"), name);
                }
                if (mk < 0 || !eng_holds_seat(&s->members[mk])) {
                        free(v);
                        if (mk >= 0)
                                return eng_err(c, _("by: \"%s\" is not a member"), name);
                        eng_no_member(s, s->cur_body, name, c->msg);
                        return PK_ERROR;
                }
                if (eng_in_list(v, n, mk)) {
                        free(v);
                        return eng_err(c, _("\"%s\" is named twice"), name);
                }
                v[n++] = mk;
        }
        int seats = engine_body_seats(s, s->cur_body);
        int need = (seats + denom - 1) / denom;
        if (n < need) {
                free(v);
                return eng_deny(c, R_MEETING_DEMAND,
                                _("%d of %d members demanded the meeting; at least %d (1 in %d) "
                                  "are needed"),
                                n, seats, need, denom);
        }
        *by = v;
        *nby = n;
        return PK_OK;
}

/*
 * Verbs: meeting, plan (its check: chk_meeting).
 * Rules: R_MEETINGS_PUBLIC, R_MEETING_DEMAND, R_WRITTEN_HEARING.
 * Needs: PN_BODY (verbs.c).
 */
enum pk_result h_meeting(struct ctx *c)
{
        struct pk_state *s = c->s;
        pk_day d;
        if (!cal_parse(eng_pos(c, 0), &d))
                return eng_err(c, _("\"%s\" is not a valid date (YYYY-MM-DD)"), eng_pos(c, 0));
        const char *t = eng_pos(c, 1);
        int hh = (t[0] - '0') * 10 + (t[1] - '0'), mm = (t[3] - '0') * 10 + (t[4] - '0');
        bool plan = c->a->verb == V_PLAN;
        for (int i = 0; i < s->nmeetings; i++) {
                const struct meeting *o = &s->meetings[i];
                if (o->hole || o->body != s->cur_body || o->date != d || o->minute != hh * 60 + mm)
                        continue;
                if (plan || o->state != MS_PLANNED)
                        return eng_deny(c, NO_RULE, _("meeting %d is already on %s %s"), i + 1,
                                        eng_pos(c, 0), t);
                if (action_opt(c->a, "kind") || action_opt(c->a, "place") ||
                    action_opt(c->a, "by") || action_flag(c->a, "virtual"))
                        return eng_err(
                            c, _("meeting %d is planned on %s %s: select it without options"),
                            i + 1, eng_pos(c, 0), t);
                s->cur_meeting = i;
                s->event_meeting = i + 1;
                sb_addf(c->msg, _("meeting %d on %s %s selected (%s)"), i + 1, eng_pos(c, 0), t,
                        s->bodies[s->cur_body].name);
                return PK_OK;
        }
        const char *kind = action_opt(c->a, "kind");
        enum meeting_kind k = MK_ORDINARY;
        if (kind && !strcmp(kind, "extraordinary"))
                k = MK_EXTRAORDINARY;
        else if (kind && !strcmp(kind, "constituent"))
                k = MK_CONSTITUENT;
        else if (kind && !strcmp(kind, "written"))
                k = MK_WRITTEN;
        else if (kind && strcmp(kind, "ordinary"))
                return eng_err(
                    c,
                    _("kind: \"%s\" is not one of ordinary, extraordinary, constituent, written"),
                    kind);
        /* R_WRITTEN_HEARING: a written hearing has its last day for answers */
        const char *deadline = action_opt(c->a, "deadline");
        pk_day dl = 0;
        if (deadline && k != MK_WRITTEN)
                return eng_err(c, "%s",
                               _("deadline= is the last day for answers in a written hearing: "
                                 "give kind=written"));
        if (k == MK_WRITTEN) {
                const struct profile *bp = &s->bodies[s->cur_body].profile;
                c->p = bp;
                if (!profile_int(bp, R_WRITTEN_HEARING))
                        return eng_deny(c, R_WRITTEN_HEARING,
                                        _("this body's rules decide in meetings: no written "
                                          "hearing"));
                if (!deadline)
                        return eng_err(c, "%s",
                                       _("a written hearing needs deadline=YYYY-MM-DD, the last "
                                         "day for answers"));
                if (!cal_parse(deadline, &dl) || dl < d)
                        return eng_err(c, _("deadline: %s is before the hearing is sent"),
                                       deadline);
        }
        int *by = NULL, nby = 0;
        enum pk_result r = demanders(c, k, &by, &nby);
        if (r != PK_OK)
                return r;
        /* an open keeps places for the meetings created before archived ones: the first
         * hole is this creation's place */
        int idx = s->nmeetings;
        for (int i = 0; i < s->nmeetings; i++)
                if (s->meetings[i].hole) {
                        idx = i;
                        break;
                }
        if (idx == s->nmeetings) {
                s->meetings =
                    pk_xrealloc(s->meetings, (size_t)(s->nmeetings + 1) * sizeof *s->meetings);
                s->nmeetings++;
        }
        struct meeting *m = &s->meetings[idx];
        memset(m, 0, sizeof *m);
        m->body = s->cur_body;
        m->date = d;
        m->minute = hh * 60 + mm;
        m->kind = k;
        m->virtual_ = action_flag(c->a, "virtual");
        m->place = eng_strdup0(action_opt(c->a, "place"));
        m->current = -1;
        m->last_item = -1;
        m->agenda_speaker = -1;
        m->open_ballot = -1;
        m->doors_closed = !profile_int(&s->bodies[s->cur_body].profile, R_MEETINGS_PUBLIC);
        m->demanded_by = by;
        m->ndemanded_by = nby;
        m->hearing_deadline = eng_strdup0(deadline);
        eng_t_meeting(s, idx);
        s->event_meeting = idx + 1;
        if (!plan)
                s->cur_meeting = idx;
        sb_addf(c->msg,
                plan ? _("meeting %d on %s %s planned (%s)")
                     : _("meeting %d on %s %s created (%s)"),
                idx + 1, eng_pos(c, 0), t, s->bodies[s->cur_body].name);
        if (nby)
                sb_addf(c->msg, _(", convened at the demand of %d of %d members (%s)"), nby,
                        engine_body_seats(s, s->cur_body), c->p->rules[R_MEETING_DEMAND].cite);
        if (k == MK_WRITTEN)
                sb_addf(c->msg, _(": a written hearing, answers by %s (%s)"), deadline,
                        c->p->rules[R_WRITTEN_HEARING].cite);
        return PK_OK;
}

/*
 * item category=C: the categories a profile knows are the words of its closed-doors lists
 * (R_CLOSED_MANDATORY, R_CLOSED_DEFAULT); any other is most likely mistyped, and a mistyped
 * category would lose the closed doors the rule demands. A line error that names the known
 * ones, the closest first. Where the profile names none (KKR, which meets behind closed doors
 * anyway), a category is a label only.
 */
static enum pk_result check_category(struct ctx *c, const char *cat)
{
        const enum rule_id lists[] = {R_CLOSED_MANDATORY, R_CLOSED_DEFAULT};
        char words[32][64];
        int n = 0;
        for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
                const char *w = c->p->rules[lists[l]].sval;
                while (*w && n < 32) {
                        size_t len = strcspn(w, ",");
                        if (len > 0 && len < sizeof words[0]) {
                                memcpy(words[n], w, len);
                                words[n][len] = '\0';
                                bool dup = false;
                                for (int i = 0; i < n; i++)
                                        dup = dup || !strcmp(words[i], words[n]);
                                if (!strcmp(words[n], cat))
                                        return PK_OK;
                                if (!dup)
                                        n++;
                        }
                        w += len;
                        if (*w == ',')
                                w++;
                }
        }
        if (n == 0) /* no category has a rule: the word is a label only */
                return PK_OK;
        int d[32], order[32];
        for (int i = 0; i < n; i++)
                d[i] = pk_edit_distance(cat, words[i], 64), order[i] = i;
        for (int i = 1; i < n; i++)
                for (int j = i; j > 0 && d[order[j]] < d[order[j - 1]]; j--) {
                        int t = order[j];
                        order[j] = order[j - 1];
                        order[j - 1] = t;
                }
        sb_addf(c->msg, _("category: \"%s\" is not one of this profile's categories: "), cat);
        for (int i = 0; i < n; i++)
                sb_addf(c->msg, "%s%s", i ? ", " : "", words[order[i]]);
        return PK_ERROR;
}

/*
 * item reading=2: the time since the 1st reading (first-reading=, or case=: in this meeting,
 * else the last earlier one) against the profile's interval: 24 hours (R_READING_INTERVAL_HOURS),
 * the budget's (R_READING_BUDGET_DAYS) or the bylaws' days (R_READING_BYLAWS_DAYS). The 1st
 * reading's date into first_buf ("" where none is known). PK_OK, or the refusal or line error.
 */
static enum pk_result second_reading(struct ctx *c, enum item_kind kind, const char *case_id,
                                     char first_buf[24])
{
        struct meeting *m = c->m;
        const struct profile *p = c->p;
        const char *first = action_opt(c->a, "first-reading");
        pk_day fd = 0;
        int fmin = 0;
        bool have = false;
        if (first) {
                if (!cal_parse(first, &fd))
                        return eng_err(c, _("first-reading: \"%s\" is not a valid date"), first);
                const char *ft = action_opt(c->a, "first-reading-time");
                if (ft)
                        fmin = (ft[0] - '0') * 600 + (ft[1] - '0') * 60 + (ft[3] - '0') * 10 +
                               (ft[4] - '0');
                have = true;
        } else if (case_id) {
                /* a 1st reading in this very meeting is 0 hours before the 2nd
                 * (Lolland § 6, stk. 1-2) */
                for (int k = 0; k < m->nitems && !have; k++)
                        if (m->items[k].reading == 1 && m->items[k].case_id &&
                            !strcmp(m->items[k].case_id, case_id)) {
                                fd = m->date;
                                fmin = m->minute;
                                have = true;
                        }
                if (!have)
                        have = eng_find_first_reading(c->s, m->body, case_id, &fd, &fmin);
        }
        if (have) {
                long gap = (long)(m->date - fd) * 1440 + (m->minute - fmin);
                int hours = profile_int(p, R_READING_INTERVAL_HOURS);
                enum rule_id rid = R_READING_INTERVAL_HOURS;
                long need = (long)hours * 60;
                const char *what = _("24 hours");
                char buf[64];
                if (kind == IK_BUDGET && profile_int(p, R_READING_BUDGET_DAYS)) {
                        rid = R_READING_BUDGET_DAYS;
                        need = (long)profile_int(p, rid) * 1440;
                } else if (kind == IK_BYLAWS && profile_int(p, R_READING_BYLAWS_DAYS)) {
                        rid = R_READING_BYLAWS_DAYS;
                        need = (long)profile_int(p, rid) * 1440;
                }
                if (rid == R_READING_INTERVAL_HOURS)
                        snprintf(buf, sizeof buf, _("%d hours"), hours);
                else
                        snprintf(buf, sizeof buf, _("%d days"), profile_int(p, rid));
                what = buf;
                cal_format(fd, first_buf);
                if (gap < 0)
                        return eng_deny(c, rid, _("the 1st reading (%s) is after this meeting"),
                                        first_buf);
                if (need > 0 && gap < need)
                        return eng_deny(c, rid,
                                        _("the 2nd reading must be at least %s after the 1st "
                                          "reading (%s)"),
                                        what, first_buf);
        }
        return PK_OK;
}

/*
 * A member's proposal submitted after the deadline (R_PROPOSAL_DEADLINE, § 3, stk. 1; KKR § 5,
 * stk. 4): the reply says so and names the meeting it is entitled to.
 */
static void late_proposal(struct ctx *c, pk_day sub_day, pk_day dl)
{
        const struct meeting *m = c->m;
        const struct profile *p = c->p;
        char a[11], b[11];
        cal_format(sub_day, a);
        cal_format(dl, b);
        sb_addf(c->msg,
                _("; proposal submitted %s, after the deadline %s: not entitled to "
                  "this meeting"),
                a, b);
        const char *ct = p->rules[R_PROPOSAL_DEADLINE].cite;
        if (ct[0] && strcmp(ct, "-"))
                sb_addf(c->msg, " (%s)", ct);
        int next = -1;
        for (int i = 0; i < c->s->nmeetings; i++) {
                const struct meeting *o = &c->s->meetings[i];
                pk_day odl;
                if (o->hole || o->body != m->body || o->date <= m->date || o->kind != MK_ORDINARY ||
                    !deadline_of_rule(p, R_PROPOSAL_DEADLINE, o->date, &odl) || odl < sub_day)
                        continue;
                if (next < 0 || o->date < c->s->meetings[next].date)
                        next = i;
        }
        if (next >= 0) {
                char nd[11];
                cal_format(c->s->meetings[next].date, nd);
                sb_addf(c->msg, _("; entitled to meeting %d on %s"), next + 1, nd);
        } else {
                sb_add(c->msg, _("; entitled to the next ordinary meeting"));
        }
}

/*
 * Verb: item.
 * Rules: R_CLOSED_DEFAULT, R_CLOSED_MANDATORY, R_PROPOSAL_DEADLINE, R_READING_BUDGET_DAYS,
 *        R_READING_BYLAWS_DAYS, R_READING_INTERVAL_HOURS, R_TWO_READINGS.
 * Needs: PN_NOT_CLOSED (verbs.c).
 */
enum pk_result h_item(struct ctx *c)
{
        struct meeting *m = c->m;
        const struct profile *p = c->p;
        const char *title = eng_pos(c, 0);
        bool closed = action_flag(c->a, "closed"), open = action_flag(c->a, "open");
        const char *cat = action_opt(c->a, "category");
        const char *reading_s = action_opt(c->a, "reading");
        const char *kind_s = action_opt(c->a, "kind");
        const char *case_id = action_opt(c->a, "case");
        const char *proposer = action_opt(c->a, "proposer");
        const char *submitted = action_opt(c->a, "submitted");
        int reading = reading_s ? atoi(reading_s) : 0;
        enum item_kind kind = IK_ORDINARY;
        if (!title[0])
                return eng_err(c, _("an item needs a title"));
        if (closed && open)
                return eng_err(c, _("an item cannot be both closed and open"));
        if (kind_s && !strcmp(kind_s, "budget"))
                kind = IK_BUDGET;
        else if (kind_s && !strcmp(kind_s, "bylaws"))
                kind = IK_BYLAWS;
        else if (kind_s && strcmp(kind_s, "ordinary"))
                return eng_err(c, _("kind: \"%s\" is not one of ordinary, budget, bylaws"), kind_s);
        if (reading_s && reading != 1 && reading != 2)
                return eng_err(c, _("reading: \"%s\" is not 1 or 2"), reading_s);
        if ((proposer == NULL) != (submitted == NULL))
                return eng_err(c, _("a member's proposal needs both proposer=\"NAME\" and "
                                    "submitted=YYYY-MM-DD"));
        if (proposer && eng_find_member(c->s, m->body, proposer) < 0)
                return eng_no_member(c->s, m->body, proposer, c->msg), PK_ERROR;
        if (cat && check_category(c, cat) != PK_OK)
                return PK_ERROR;
        if (cat && profile_list_has(p, R_CLOSED_MANDATORY, cat)) {
                if (open)
                        return eng_deny(
                            c, R_CLOSED_MANDATORY,
                            _("items of category %s must be treated behind closed doors"), cat);
                closed = true;
        }
        if (cat && profile_list_has(p, R_CLOSED_DEFAULT, cat) && !open)
                closed = true;
        if (reading && !profile_int(p, R_TWO_READINGS))
                return eng_deny(c, R_TWO_READINGS, _("this body's rules have no two readings"));
        if (kind == IK_BUDGET && !reading && profile_int(p, R_TWO_READINGS))
                return eng_deny(c, R_TWO_READINGS, _("the budget is always given two readings"));
        if (kind == IK_BYLAWS && !reading && profile_int(p, R_READING_BYLAWS_DAYS))
                return eng_deny(c, R_READING_BYLAWS_DAYS,
                                _("the bylaws (styrelsesvedtægt) are always given two readings"));
        char first_buf[24] = "";
        if (reading == 2) {
                enum pk_result r = second_reading(c, kind, case_id, first_buf);
                if (r != PK_OK)
                        return r;
        }
        bool late = false;
        pk_day sub_day = 0, dl = 0;
        if (submitted) {
                if (!cal_parse(submitted, &sub_day))
                        return eng_err(c, _("submitted: \"%s\" is not a valid date"), submitted);
                /* the deadline for members' proposals is the ordinary meeting's (§ 3, stk. 1;
                 * KKR § 5, stk. 4) */
                if (m->kind != MK_EXTRAORDINARY &&
                    deadline_of_rule(p, R_PROPOSAL_DEADLINE, m->date, &dl) && sub_day > dl)
                        late = true;
        }
        m->items = pk_xrealloc(m->items, (size_t)(m->nitems + 1) * sizeof *m->items);
        struct item *it = &m->items[m->nitems];
        memset(it, 0, sizeof *it);
        it->number = m->nitems + 1;
        it->title = pk_xstrdup(title);
        it->closed = closed;
        it->public_title = eng_strdup0(action_opt(c->a, "public-title"));
        it->category = eng_strdup0(cat);
        it->reading = reading;
        it->case_id = eng_strdup0(case_id);
        it->kind = kind;
        it->proposer = eng_strdup0(proposer);
        it->submitted = eng_strdup0(submitted);
        it->late_proposal = late;
        it->first_reading = first_buf[0] ? pk_xstrdup(first_buf) : NULL;
        it->speaker = -1;
        m->order = pk_xrealloc(m->order, (size_t)(m->nitems + 1) * sizeof *m->order);
        m->agenda_order =
            pk_xrealloc(m->agenda_order, (size_t)(m->nitems + 1) * sizeof *m->agenda_order);
        m->order[m->nitems] = m->nitems;
        m->agenda_order[m->nitems] = m->nitems;
        m->nitems++;
        eng_t_item(c->s, MI(c), m->nitems - 1);
        sb_addf(c->msg, _("item %d \"%s\" added"), it->number, title);
        if (closed)
                sb_add(c->msg, _(" (closed)"));
        if (reading)
                sb_addf(c->msg, _(" (reading %d)"), reading);
        if (late)
                late_proposal(c, sub_day, dl);
        return PK_OK;
}

/*
 * Verb: dispatched.
 * Rules: R_AGENDA_DEADLINE, R_LATE_AGENDA, R_MATERIAL_DEADLINE.
 * Needs: PN_NOT_CLOSED (verbs.c).
 */
enum pk_result h_dispatched(struct ctx *c)
{
        struct meeting *m = c->m;
        const struct profile *p = c->p;
        pk_day d, dl;
        if (!cal_parse(eng_pos(c, 0), &d))
                return eng_err(c, _("\"%s\" is not a valid date (YYYY-MM-DD)"), eng_pos(c, 0));
        if (d > m->date)
                return eng_err(c, _("the agenda cannot be dispatched after the meeting (%s)"),
                               eng_pos(c, 0));
        bool late = false;
        char dls[11] = "";
        /* the dispatch deadline is the ordinary meeting's (seed 003 § 3, stk. 2-3 with the Local
         * Government Act § 8; Lolland § 3, stk. 2 and 4; KKR § 5, stk. 5): an extraordinary
         * meeting has none, as `deadlines` says */
        if (m->kind != MK_EXTRAORDINARY && deadline_of_rule(p, R_AGENDA_DEADLINE, m->date, &dl)) {
                cal_format(dl, dls);
                late = d > dl;
        }
        eng_set_str(&m->dispatched, eng_pos(c, 0));
        m->dispatch_late = late;
        eng_t_meeting(c->s, MI(c));
        if (!dls[0]) {
                sb_addf(c->msg, _("agenda dispatched %s"), eng_pos(c, 0));
                return PK_OK;
        }
        if (!late) {
                sb_addf(c->msg, _("agenda dispatched %s (deadline %s)"), eng_pos(c, 0), dls);
        } else {
                sb_addf(c->msg, _("agenda dispatched %s, after the deadline %s"), eng_pos(c, 0),
                        dls);
                const char *ct = p->rules[R_AGENDA_DEADLINE].cite;
                if (ct[0] && strcmp(ct, "-"))
                        sb_addf(c->msg, " (%s)", ct);
                const char *late_rule = p->rules[R_LATE_AGENDA].sval;
                const char *lc = p->rules[R_LATE_AGENDA].cite;
                if (!strcmp(late_rule, "reason-required"))
                        sb_addf(c->msg,
                                _("; an item may be decided only if the reason it cannot wait is "
                                  "recorded (%s)"),
                                lc);
                else if (!strcmp(late_rule, "special-cases"))
                        sb_addf(c->msg, _("; allowed in special cases (%s)"), lc);
        }
        pk_day md;
        if (deadline_of_rule(p, R_MATERIAL_DEADLINE, m->date, &md)) {
                char b[11];
                cal_format(md, b);
                sb_addf(c->msg, _("; material due %s"), b);
        }
        return PK_OK;
}

/*
 * Verb: urgent.
 * Rules: R_LATE_AGENDA.
 * Needs: PN_ITEM (verbs.c).
 */
enum pk_result h_urgent(struct ctx *c)
{
        struct item *it = &c->m->items[c->m->current];
        if (!c->m->dispatch_late)
                return eng_deny(c, R_LATE_AGENDA,
                                _("the agenda was not dispatched late: no reason is needed"));
        eng_set_str(&it->urgent, eng_pos(c, 0));
        eng_t_item(c->s, MI(c), c->m->current);
        sb_addf(c->msg, _("item %d: reason it cannot wait recorded"), it->number);
        return PK_OK;
}

/*
 * `correct item N title="…" public-title="…" category=C case=X` (the item half of `correct`,
 * rules/register.c) - a correction of an agenda item of the current meeting, kept in the record
 * beside the item as first put on the agenda; the full minutes note the title as it was. A
 * signed meeting's items are what its members signed and are not corrected; a category the
 * profile treats behind closed doors (R_CLOSED_MANDATORY) closes an open item only before its
 * treatment began.
 */
enum pk_result eng_correct_item(struct ctx *c)
{
        struct pk_state *s = c->s;
        const struct action *a = c->a;
        const char *num = eng_pos(c, 1);
        const char *title = action_opt(a, "title"), *pub = action_opt(a, "public-title");
        const char *cat = action_opt(a, "category"), *case_id = action_opt(a, "case");
        if (a->pos[1].quoted)
                return eng_err(c, _("correct item: \"%s\" is not an item number"), num);
        if (action_opt(a, "name") || action_opt(a, "party") || action_opt(a, "role"))
                return eng_err(
                    c, _("correct item takes title=, public-title=, category= and case= only"));
        if (!title && !pub && !cat && !case_id)
                return eng_err(c,
                               _("correct item needs title=, public-title=, category= or case="));
        if (s->cur_meeting < 0)
                return eng_err(c, _("no current meeting: create one with meeting DATE TIME"));
        int mi = s->cur_meeting;
        struct meeting *m = &s->meetings[mi];
        c->m = m;
        c->p = &s->bodies[m->body].profile;
        int ii = -1;
        for (int i = 0; i < m->nitems; i++)
                if (m->items[i].number == atoi(num))
                        ii = i;
        if (ii < 0)
                return eng_err(c, _("no item %s in this meeting"), num);
        struct item *it = &m->items[ii];
        if (m->state == MS_LOCKED)
                return eng_deny(c, NO_RULE,
                                _("the minutes are signed: item %d is as its members signed it"),
                                it->number);
        bool close_it = false;
        if (cat && profile_list_has(c->p, R_CLOSED_MANDATORY, cat) && !it->closed) {
                if (it->status != IS_PENDING)
                        return eng_deny(c, R_CLOSED_MANDATORY,
                                        _("items of category %s must be treated behind closed "
                                          "doors, and item %d was treated in the open"),
                                        cat, it->number);
                close_it = true;
        }
        if (title) {
                if (!it->title_was && strcmp(title, it->title) != 0)
                        it->title_was = pk_xstrdup(it->title);
                else if (it->title_was && !strcmp(it->title_was, title)) {
                        free(it->title_was);
                        it->title_was = NULL;
                }
                free(it->title);
                it->title = pk_xstrdup(title);
        }
        if (pub) {
                free(it->public_title);
                it->public_title = pk_xstrdup(pub);
        }
        if (cat) {
                free(it->category);
                it->category = pk_xstrdup(cat);
        }
        if (case_id) {
                free(it->case_id);
                it->case_id = pk_xstrdup(case_id);
        }
        if (close_it)
                it->closed = true;
        eng_t_item(s, mi, ii);
        sb_addf(c->msg, _("item %d corrected: \"%s\""), it->number, it->title);
        if (close_it)
                sb_addf(c->msg, _(" (closed: category %s)"), cat);
        return PK_OK;
}

/*
 * Verb: drop.
 * Rules: none of the profile (the verb's own conditions only).
 * Needs: PN_NOT_CLOSED | PN_NO_BALLOT (verbs.c).
 *
 * `drop N` - item N is withdrawn from the agenda before it is taken up ("udgår"): it keeps its
 * number and its place in the minutes, which say that it was withdrawn; the full minutes add that
 * this came after the agenda was sent, when it did. An item under treatment or treated is
 * withdrawn with `withdraw`, not here.
 */
enum pk_result h_drop(struct ctx *c)
{
        struct meeting *m = c->m;
        enum pk_result r;
        int i = eng_pending_item_arg(c, 0, &r);
        if (i < 0)
                return r;
        struct item *it = &m->items[i];
        it->status = IS_WITHDRAWN;
        it->dropped = true;
        it->dropped_late = m->dispatched != NULL;
        eng_t_item(c->s, MI(c), i);
        eng_t_outcome(c->s, MI(c), i);
        sb_addf(c->msg, _("item %d \"%s\" withdrawn from the agenda (udgår)"), it->number,
                it->title);
        if (it->dropped_late)
                sb_add(c->msg, _(", after the agenda was sent"));
        return PK_OK;
}
