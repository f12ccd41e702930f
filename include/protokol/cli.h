/*
 * cli.h - subcommands of the protokol command line that live outside main.c. Each takes the
 * arguments after its own name and returns the exit status (0 success; 1 refused or invalid
 * input; 2 usage; 3 database or I/O failure).
 */
#ifndef PROTOKOL_CLI_H
#define PROTOKOL_CLI_H

/* protokol [--db FILE] import members|agenda FILE.csv [--meeting ID] */
int cli_import(const char *db, int argc, char **argv);
/* protokol elect proportional|majority|kkr ... */
int cli_elect(int argc, char **argv);
/* protokol [--db FILE] deadlines --profile NAME --date YYYY-MM-DD | --meeting ID */
int cli_deadlines(const char *db, int argc, char **argv);
/* protokol [--db FILE] export calendar --year YYYY [-o FILE] */
int cli_export_calendar(const char *db, int argc, char **argv);

#endif
