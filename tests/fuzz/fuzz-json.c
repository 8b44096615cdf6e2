/* fuzz-json.c: libFuzzer target for the saved-experiment loader.
 *
 *   CC=clang meson setup _build-fuzz -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false
 *   meson compile -C _build-fuzz tests/fuzz/fuzz-json
 *   _build-fuzz/tests/fuzz/fuzz-json -jobs=1 -max_len=65536 CORPUS tests/fuzz/corpus-json
 *
 * Any input must give an experiment or a clean error; an experiment must then train a step,
 * save and load again. Crashes found are kept in tests/fuzz/crashes-json, which the normal
 * suite replays (tests/test-experiment-hostile.c). */
#include "ns-experiment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *bytes, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *bytes, size_t size)
{
  g_autofree char *text = g_malloc (size + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) exp = NULL;
  g_autoptr (NsExperiment) again = NULL;
  g_autofree char *saved = NULL;

  memcpy (text, bytes, size);
  text[size] = '\0';
  exp = ns_experiment_new_from_json (text, "fuzz.json", &error);
  if (exp == NULL)
    {
      if (error == NULL || strncmp (error->message, "fuzz.json", 9) != 0)
        abort (); /* every refusal names the file */
      return 0;
    }
  ns_experiment_step (exp, 1);
  saved = ns_experiment_to_json (exp);
  again = ns_experiment_new_from_json (saved, "saved.json", &error);
  if (again == NULL)
    {
      g_printerr ("a loaded experiment saved as a file it refuses: %s\n", error->message);
      abort ();
    }
  return 0;
}
