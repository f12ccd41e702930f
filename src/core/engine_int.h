/*
 * engine_int.h - internals shared by the engine's files (engine.c, allowed.c).
 * Not part of the public interface.
 */
#ifndef PROTOKOL_ENGINE_INT_H
#define PROTOKOL_ENGINE_INT_H

#include "protokol/engine.h"

struct meeting *eng_meeting(struct pk_state *s);
const struct profile *eng_profile(const struct pk_state *s, const struct meeting *m);
/* Writes "text (cite)" into why, leaving the parenthesis out where the rule has no cite. */
void eng_why(struct sb *why, const struct profile *p, enum rule_id rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Generic precondition of a verb, independent of its arguments. Returns true if the verb
 * may be used now; otherwise writes the reason into why. */
bool eng_verb_possible(const struct pk_state *s, enum pk_verb v, struct sb *why);
/* The same; ballot_with_id: `ballot ID` names its subject, so no "next" one is needed. */
bool eng_verb_check(const struct pk_state *s, enum pk_verb v, bool ballot_with_id, struct sb *why);
bool eng_seated(const struct pk_state *s, const struct meeting *m, int member);
bool eng_inhabil(const struct meeting *m, int item, int member);
int eng_leader(const struct pk_state *s, const struct meeting *m);
/* names.c: "no member named NAME" into out, with the closest names of body if any. */
void eng_no_member(const struct pk_state *s, int body, const char *name, struct sb *out);

/* The touched-set (touched.c): each names one unit of the read model that the action changed,
 * by meeting index mi and the index of the thing in it. */
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

/* Elections in a meeting (election.c). */
struct election *eng_election(struct meeting *m);
bool eng_election_possible(const struct pk_state *s, enum pk_verb v, struct sb *why);
enum pk_result eng_election_apply(struct pk_state *s, const struct action *a, struct sb *msg);
void eng_election_free(struct election *e);

#endif
