/* fuzz-csv.c: libFuzzer target for the CSV loader (as classification and as regression).
 *
 *   _build-fuzz/tests/fuzz/fuzz-csv -jobs=1 -max_len=8192 CORPUS tests/fuzz/corpus-csv
 *
 * Any input must give a dataset or a clean error that names the file. Crashes found are kept in
 * tests/fuzz/crashes-csv, which the normal suite replays (tests/test-experiment-hostile.c). */
#include "ns-dataset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *bytes, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *bytes, size_t size)
{
  for (int regression = 0; regression < 2; regression++)
    {
      g_autofree char *text = g_malloc (size + 1);
      g_autoptr (GError) error = NULL;
      NsDataset *data;
      NnRng rng;

      memcpy (text, bytes, size);
      text[size] = '\0';
      nn_rng_seed (&rng, 1, NN_STREAM_DATA);
      data = ns_dataset_parse_csv (text, size, "fuzz.csv", regression, 0.5, &rng, &error);
      if (data == NULL && (error == NULL || strncmp (error->message, "fuzz.csv", 8) != 0))
        abort ();
      ns_dataset_free (data);
    }
  return 0;
}
