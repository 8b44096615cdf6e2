/* ns-lesson-check.h: the `lesson check` verb: every step of each lesson set up headless with
 * its solution and trained within its budget, its goal checked at epoch 0 and after every
 * epoch; one line per step:
 *   PATH: step N "Title": reached GOAL at epoch E (NAME VALUE)
 *   PATH: step N "Title": interactive (GOAL)
 *   PATH: step N "Title": no goal
 *   PATH: step N "Title": NOT reached in B epochs (NAME VALUE)
 * Errors ("PATH:LINE: …") on stderr. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv as main() has it: argv[1] "lesson", argv[2] "check", then files or folders (their *.md
 * but README.md; none: the built-in lessons' folder). Exit 0 when every file parses and every
 * measured goal is reached (a folder without lessons says "no lessons" and passes), 1
 * otherwise, 2 for bad usage. */
int ns_lesson_check_main (int argc, char **argv);

G_END_DECLS
