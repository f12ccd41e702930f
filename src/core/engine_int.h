/*
 * engine_int.h - internals shared by the engine's files. Not part of the public interface.
 *
 * The engine is cut by rule area (README, "Architecture: rules by §"):
 *   engine.c          engine_apply: the verb table (generic preconditions, then the verb's own
 *                     check and handler), the reply, the state's lifetime
 *   verbs.c           the generic preconditions of the verb table (PK_VERBS' needs column)
 *   state.c           queries of the state (seats, quorum, attendance, subjects, leader)
 *   ctx.c             what handlers share: the refusal with its rule, names, subjects
 *   names.c           the words of each enum; members by name
 *   rules/           one file per rule area; each verb's check and handler side by side
 *                    (rules/seats.c: the seats over a term)
 */
#ifndef PROTOKOL_ENGINE_INT_H
#define PROTOKOL_ENGINE_INT_H

#include "protokol/engine.h"

/* ---------- refusals (ctx.c) ---------- */

/* Why a verb may not be used now: the reason, and the profile rule it rests on. */
struct why {
        struct sb text;
        enum rule_id rule; /* R__COUNT: no rule (a plain precondition) */
};
#define WHY_INIT                                                                                   \
        {                                                                                          \
                .rule = R__COUNT                                                                   \
        }
void why_free(struct why *w);
/* A plain reason, resting on no rule of the profile. */
void why_add(struct why *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A reason resting on rule of the profile p: the text, and the rule (whose citation is added
 * where the reason is shown: pk_reply_render, engine_allowed). */
void eng_why(struct why *why, const struct profile *p, enum rule_id rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---------- the handler's context ---------- */

struct ctx {
        struct pk_state *s;
        const struct engine_input *in;
        const struct action *a;
        struct pk_reply *reply;
        struct sb *msg; /* &reply->msg */
        struct meeting *m;
        const struct profile *p;
};

/* The index of the context's meeting, for the touched-set. */
#define MI(c) ((int)((c)->m - (c)->s->meetings))
#define NO_RULE R__COUNT

/* A verb's own precondition (beyond the generic ones of PK_VERBS): true if it may be used
 * now, else the reason in why. a is the action being applied, or, when `allowed` asks, a bare
 * action of the verb without arguments. */
typedef bool verb_check(const struct pk_state *s, const struct meeting *m, const struct profile *p,
                        const struct action *a, struct why *why);
typedef enum pk_result verb_handler(struct ctx *c);

/* The generic preconditions of a verb (verbs.c), from its needs in PK_VERBS. */
void eng_set_inhabil(struct meeting *m, int ii, int k, enum disq_how how);
int eng_leader_for(const struct pk_state *s, const struct meeting *m, int ii);
bool eng_needs(const struct pk_state *s, unsigned needs, struct why *why);
/* Generic preconditions and the verb's own check; a is the action, or NULL for the verb
 * without arguments. */
bool eng_verb_check(const struct pk_state *s, enum pk_verb v, const struct action *a,
                    struct why *why);

/* ---------- ctx.c: shared by the handlers ---------- */

char *eng_strdup0(const char *s);
void eng_set_str(char **dst, const char *src);
void eng_hhmm(const char *time, char out[6]);
const char *eng_pos(const struct ctx *c, int i);
/* Refuses under rule (NO_RULE: none): the message; the reply names the rule and its citation. */
enum pk_result eng_deny(struct ctx *c, enum rule_id rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A line error (bad input, not a refusal under the rules). */
enum pk_result eng_err(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Item number argument pos of the current meeting: its index, or -1 with a line error. */
int eng_item_arg(struct ctx *c, int pos);
/* The same for an item still pending (not taken up): -1 with *r the error or the refusal. */
int eng_pending_item_arg(struct ctx *c, int pos, enum pk_result *r);
int eng_member_arg(struct ctx *c, const char *name);
int eng_resolve_names(const struct pk_state *s, const struct meeting *m, const struct opt *o,
                      int *out, int max, struct sb *why);
struct subject *eng_add_subject(struct meeting *m, enum subject_kind k, int item, const char *id,
                                const char *text, const char *by);
void eng_drop_speaker(struct meeting *m, int k);
const char *eng_ordinal(int n);
void eng_order_text(const struct meeting *m, const int *order, struct sb *out);
int eng_demanders(struct ctx *c, enum rule_id rule, const char *what);
void eng_item_ended(struct ctx *c, const struct item *it);

/* ---------- state.c: queries ---------- */

struct meeting *eng_meeting(struct pk_state *s);
const struct profile *eng_profile(const struct pk_state *s, const struct meeting *m);
int eng_seats_in(const struct pk_state *s, const struct meeting *m);
bool eng_holds_seat(const struct member *mb);
int eng_find_member(const struct pk_state *s, int body, const char *name);
struct attendance *eng_att(struct meeting *m, int member);
const struct attendance *eng_catt(const struct meeting *m, int member);
bool eng_seated(const struct pk_state *s, const struct meeting *m, int member);
bool eng_inhabil(const struct meeting *m, int item, int member);
int eng_leader(const struct pk_state *s, const struct meeting *m);
int eng_find_subject(const struct meeting *m, int item, const char *id);
bool eng_is_immediate(enum subject_kind k);
bool eng_subject_open(const struct meeting *m, int i, const char *done);
bool eng_subject_in_scope(const struct meeting *m, const struct subject *sj);
int eng_first_open_of(const struct meeting *m, const char *done, enum subject_kind k, int parent);
int eng_first_open(const struct meeting *m, enum subject_kind k, int parent);
bool eng_quorate(const struct pk_state *s, const struct meeting *m, struct why *why);
int eng_target_item(const struct meeting *m);
bool eng_in_list(const int *v, int n, int x);
bool eng_has_party(const struct pk_state *s, int body, const char *party, pk_day d);
bool eng_find_first_reading(const struct pk_state *s, int body, const char *case_id, pk_day *day,
                            int *minute);
int eng_seat_taken_by(const struct pk_state *s, const struct meeting *m, int k);
bool eng_running(const struct meeting *m);
int eng_item_by_number(const struct meeting *m, const char *s);
/* Frees the body's seats beyond the maximum (KKR § 3, stk. 9-10). */
void eng_extra_seats_free(struct body *b);
bool eng_voted_main(const struct meeting *m);

/* ---------- names.c ---------- */

enum role eng_parse_role(const char *w, bool *ok);
/* "no member named NAME" into out, with the closest names of body if any. */
void eng_no_member(const struct pk_state *s, int body, const char *name, struct sb *out);

/* ---------- the rule areas (src/core/rules/): each verb's check and handler ---------- */

/* rules/register.c */
verb_handler h_body, h_member, h_correct;
/* rules/seats.c */
verb_check chk_new_substitute;
verb_handler h_on_leave, h_return, h_vacancy, h_party_role, h_term, h_new_substitute;
/* rules/agenda.c */
verb_check chk_meeting;
verb_handler h_meeting, h_item, h_dispatched, h_urgent, h_drop;
enum pk_result eng_correct_item(struct ctx *c);
/* rules/order.c */
verb_check chk_take, chk_move, chk_order_vote, chk_done;
verb_handler h_take, h_move, h_order_vote, h_end_item;
bool eng_no_item_running(const struct meeting *m, struct why *why);
/* rules/hearing.c */
verb_check chk_answer;
verb_handler h_answer;
void eng_hearing_result(struct ctx *c, struct item *it);
/* rules/attendance.c */
verb_check chk_substitute;
verb_handler h_present, h_absent, h_arrive, h_leave, h_substitute, h_inhabil;
/* rules/lifecycle.c */
verb_check chk_open, chk_resume, chk_close, chk_sign, chk_undo, chk_acting_chair;
verb_handler h_acting_chair;
verb_handler h_open, h_lifecycle, h_doors, h_sign;
/* rules/floor.c */
verb_check chk_speaker, chk_next, chk_closure;
verb_handler h_speaker, h_next, h_call_to_order, h_deny_floor, h_closure;
/* rules/proposals.c */
verb_check chk_motion, chk_amend, chk_incompatible;
verb_handler h_motion, h_amend, h_amend_deadline, h_procedural, h_rank, h_incompatible;
/* rules/voting.c */
verb_check chk_ballot, chk_vote, chk_declare, chk_demand, chk_decide;
verb_handler h_ballot, h_vote, h_declare, h_demand, h_decide;
bool eng_order_allows(const struct pk_state *s, const struct meeting *m, int idx, struct why *why);
int eng_next_subject_why(const struct meeting *m, const char *done, struct sb *why);
/* rules/record.c */
verb_check chk_record, chk_dissent, chk_ruling_decided;
verb_handler h_decision, h_dissent, h_ruling, h_ruling_decided;
/* rules/elections.c */
verb_check chk_election, chk_demand_election, chk_decide_election;
verb_handler h_election_verb, h_demand_election, h_decide_election;
struct election *eng_election(struct meeting *m);
void eng_election_free(struct election *e);
/* rules/alliances.c */
verb_check chk_alliance;
verb_handler h_alliance;
/* Whether the chair's election counts electoral alliances (dhondt-alliances). */
bool eng_alliances_apply(const struct profile *p);

/* ---------- touched.c: the touched-set ---------- */

/* Each names one unit of the read model that the action changed, by meeting index mi and the
 * index of the thing in it. */
void eng_t_member(struct pk_state *s, int k);
void eng_t_meeting(struct pk_state *s, int mi);
void eng_t_item(struct pk_state *s, int mi, int i);
void eng_t_outcome(struct pk_state *s, int mi, int i);
void eng_t_subject(struct pk_state *s, int mi, int k);
void eng_t_ballot(struct pk_state *s, int mi, int b);
void eng_t_att(struct pk_state *s, int mi, int member);
void eng_t_ruling(struct pk_state *s, int mi, int r);
void eng_t_election(struct pk_state *s, int mi, int e);

/* Frees what a meeting holds beyond its header and archive summary (archive.c, engine.c). */
void eng_free_details(struct meeting *m);

#endif
