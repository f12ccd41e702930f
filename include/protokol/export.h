/*
 * export.h - CSV exports of one meeting (SPEC §5.5), written with libcsv's writer:
 *   votes:        item,ballot,subject,kind,text,for,against,abstain,result
 *   member-votes: item,ballot,subject,member,party,vote   (vote:
 * for|against|abstain|absent|inhabil) attendance:
 * member,party,role,status,reason,arrived,left,substitute_for public_ leaves out items treated
 * behind closed doors (and their ballots).
 */
#ifndef PROTOKOL_EXPORT_H
#define PROTOKOL_EXPORT_H

#include <stdbool.h>

#include "protokol/engine.h"
#include "protokol/util.h"

enum csv_export { CE_VOTES, CE_MEMBER_VOTES, CE_ATTENDANCE };

/* True if a spreadsheet would take a cell starting so for a formula (= + - @ tab CR): every
 * CSV writer puts a single quote in front of such a cell. */
bool csv_formula_like(const char *v);

/* Parses "votes", "member-votes" or "attendance". */
bool csv_export_parse(const char *s, enum csv_export *out);
/* Writes the CSV of meeting index mi into out (RFC 4180, CRLF line ends). */
void csv_export(const struct pk_state *s, int mi, enum csv_export what, bool public_,
                struct sb *out);
/* The same; excel: UTF-8 with BOM, semicolons, CRLF, Danish headers and words. Both styles
 * put a single quote before a cell starting with = + - @, tab or CR (formula injection). */
void csv_export_styled(const struct pk_state *s, int mi, enum csv_export what, bool public_,
                       bool excel, struct sb *out);

/* The register of body on day d (export members --date): name, party, role, substitute,
 * substitute_rank, status (member, on-leave, substitute, list), substitute_for. */
void csv_export_members(const struct pk_state *s, int body, pk_day d, bool excel, struct sb *out);

#endif
