/*
 * allowed.c - the engine's answers to questions: `status` (SPEC §5.3) and the chair's
 * `allowed` list (what may happen now, and for each refused action why, with § and stk.).
 * Pure: reads the state, writes text.
 */
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"
#include "protokol/i18n.h"

void engine_status(const struct pk_state *s, struct sb *out)
{
        const struct meeting *m = engine_current_meeting(s);
        if (s->cur_body >= 0)
                sb_addf(out, "body: %s (%s)\n", s->bodies[s->cur_body].name,
                        s->bodies[s->cur_body].profile.name);
        else
                sb_add(out, "body: none\n");
        if (!m) {
                sb_add(out, "meeting: none\nstate: none\n");
                return;
        }
        char d[11];
        cal_format(m->date, d);
        sb_addf(out, "meeting: %d %s %02d:%02d\n", s->cur_meeting + 1, d, m->minute / 60,
                m->minute % 60);
        sb_addf(out, "state: %s\n", engine_meeting_state_name(m->state));
        if (m->current >= 0) {
                const struct item *it = &m->items[m->current];
                sb_addf(out, "item: %d %s (%s)\n", it->number, it->title,
                        engine_item_status_name(it->status));
                if (it->amend_deadline)
                        sb_addf(out, "amendments-deadline: %s%s\n", it->amend_deadline,
                                it->amend_deadline_subs ? " (sub-amendments too)" : "");
        } else {
                sb_add(out, "item: none\n");
        }
        sb_addf(out, "doors: %s\n", m->doors_closed ? "closed" : "open");
        int present = engine_present(s, m), need = engine_quorum_need(s, m);
        int seats = eng_seats_in(s, m);
        sb_addf(out, "present: %d of %d\n", present, seats);
        sb_addf(out, "quorum: %s (need %d)\n", present >= need ? "yes" : "no", need);
        /* the item's speakers, or before the first item those on the agenda */
        const struct item *it = m->current >= 0 ? &m->items[m->current] : NULL;
        int holder = it ? it->speaker : m->agenda_speaker;
        int nwait = it ? it->nspeakers : m->nagenda_speakers;
        const int *wait = it ? it->speakers : m->agenda_speakers;
        if (holder >= 0)
                sb_addf(out, "speaker: %s\n", s->members[holder].name);
        else
                sb_add(out, "speaker: none\n");
        if (nwait) {
                sb_add(out, "speakers-waiting: ");
                for (int i = 0; i < nwait; i++)
                        sb_addf(out, "%s%s", i ? ", " : "", s->members[wait[i]].name);
                sb_add(out, "\n");
        }
        if (m->open_ballot >= 0) {
                const struct subject *sj = &m->subjects[m->ballots[m->open_ballot].subject];
                sb_addf(out, "ballot-open: %s (%s)\n", sj->id, engine_subject_kind_name(sj->kind));
        }
        int k = m->open_ballot >= 0 ? -1 : engine_next_subject(s, m, NULL);
        if (k >= 0)
                sb_addf(out, "next-ballot: %s (%s)\n", m->subjects[k].id,
                        engine_subject_kind_name(m->subjects[k].kind));
        else
                sb_add(out, "next-ballot: none\n");
        sb_add(out, "calls-to-order:");
        bool any = false;
        for (int i = 0; i < m->natt; i++)
                if (m->att[i].calls > 0) {
                        sb_addf(out, "%s %s %d", any ? "," : "", s->members[i].name,
                                m->att[i].calls);
                        if (m->att[i].denied)
                                sb_add(out, " (denied the floor)");
                        any = true;
                }
        sb_add(out, any ? "\n" : " none\n");
}

void engine_allowed_set(const struct pk_state *s, struct pk_verdict out[V__COUNT])
{
        for (int v = 0; v < V__COUNT; v++) {
                out[v] = (struct pk_verdict){.allowed = true, .rule = R__COUNT};
                if (!pk_verb_info[v].records)
                        continue;
                struct why why = WHY_INIT;
                if (!eng_verb_check(s, (enum pk_verb)v, NULL, &why)) {
                        out[v].allowed = false;
                        out[v].rule = why.rule;
                        out[v].why = pk_xstrdup(sb_str(&why.text));
                        const struct meeting *m = engine_current_meeting(s);
                        pk_rule_cite(
                            m ? &s->bodies[m->body].profile
                              : (s->cur_body >= 0 ? &s->bodies[s->cur_body].profile : NULL),
                            why.rule, out[v].cite, sizeof out[v].cite);
                }
                why_free(&why);
        }
}

void engine_verdicts_free(struct pk_verdict v[V__COUNT])
{
        for (int i = 0; i < V__COUNT; i++) {
                free(v[i].why);
                v[i].why = NULL;
        }
}

void engine_allowed(const struct pk_state *s, bool paraphrases, struct sb *out)
{
        const struct meeting *m = engine_current_meeting(s);
        const struct profile *p = m ? &s->bodies[m->body].profile
                                    : (s->cur_body >= 0 ? &s->bodies[s->cur_body].profile : NULL);
        struct pk_verdict vd[V__COUNT];
        engine_allowed_set(s, vd);
        for (int v = 0; v < V__COUNT; v++) {
                if (!pk_verb_info[v].records)
                        continue;
                if (vd[v].allowed) {
                        sb_addf(out, "allowed: %s", pk_verb_info[v].name);
                        if (v == V_BALLOT && m) {
                                int k = engine_next_subject(s, m, NULL);
                                if (k >= 0)
                                        sb_addf(out, _(" (next: %s, %s)"), m->subjects[k].id,
                                                engine_subject_kind_name(m->subjects[k].kind));
                        }
                        sb_add(out, "\n");
                } else {
                        sb_addf(out, "denied: %s: %s", pk_verb_info[v].name, vd[v].why);
                        if (vd[v].cite[0])
                                sb_addf(out, " (%s)", vd[v].cite);
                        sb_add(out, "\n");
                        if (paraphrases && p && vd[v].rule < R__COUNT)
                                sb_addf(out, "  %s\n", profile_rule_text(p, vd[v].rule));
                }
        }
        engine_verdicts_free(vd);
}
