/* fuzz-lesson.c: libFuzzer target for the lesson parser (and the goals and setups it holds).
 *
 *   CC=clang meson setup _build-fuzz -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false
 *   meson compile -C _build-fuzz tests/fuzz/fuzz-lesson
 *   _build-fuzz/tests/fuzz/fuzz-lesson -jobs=1 -max_len=16384 CORPUS tests/fuzz/corpus-lesson
 *
 * Any input must give a lesson or a clean error naming the file; a lesson's goal texts must
 * parse again (or fail cleanly) and every step's config must build or fail with a message.
 * Crashes found are kept in tests/fuzz/crashes-lesson, which the normal suite replays
 * (tests/test-lesson.c). */
#include "ns-lesson.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *bytes, size_t size);

static void
check_step (const NsLesson *lesson, guint index)
{
  const NsLessonStep *step = g_ptr_array_index (lesson->steps, index);
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;

  if (step->goal_text != NULL)
    {
      g_autoptr (NsGoal) goal = ns_goal_parse (step->goal_text, &error);

      if (goal == NULL && error == NULL)
        abort (); /* a refusal always says why */
      g_clear_error (&error);
    }
  ns_config_init_default (&config);
  if (!ns_lesson_step_config (lesson, index, TRUE, &config, &error))
    {
      if (error == NULL || strncmp (error->message, "fuzz.md", 7) != 0)
        abort (); /* a setup's error names the lesson's file */
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *bytes, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsLesson) lesson = NULL;

  lesson = ns_lesson_parse ((const char *) bytes, (gssize) size, "fuzz.md", &error);
  if (lesson == NULL)
    {
      if (error == NULL || strncmp (error->message, "fuzz.md", 7) != 0)
        abort (); /* every refusal names the file */
      return 0;
    }
  if (lesson->steps == NULL || lesson->steps->len == 0)
    abort (); /* a lesson has at least one step */
  for (guint i = 0; i < lesson->steps->len; i++)
    check_step (lesson, i);
  return 0;
}
