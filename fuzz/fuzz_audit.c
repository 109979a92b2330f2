/* libFuzzer target for the audit of printed tables (lib/audit): the input is CSV text, or, when
 * its last byte is odd, a JSON report (the byte left out). Reading may fail; a table that was read
 * must run, and run the same twice (the same findings and relations checked), and format as text
 * and as JSON. See docs/fuzzing.md. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tertial/tertial.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  int json = data[size - 1] & 1;
  tertial_audit *a = NULL;
  if (tertial_audit_new(&a) < 0)
    abort();
  int rc = json ? tertial_audit_read_json(a, (const char *)data, size - 1, "fuzz.json")
                : tertial_audit_read_csv(a, (const char *)data, size - 1, "fuzz.csv");
  if (rc == 0) {
    if (tertial_audit_run(a) < 0)
      abort();
    size_t findings = tertial_audit_finding_count(a), checked = tertial_audit_checked_count(a);
    if (tertial_audit_run(a) < 0 || tertial_audit_finding_count(a) != findings ||
        tertial_audit_checked_count(a) != checked)
      abort();
    for (size_t i = 0; i < findings; i++) {
      const tertial_audit_finding *f = tertial_audit_finding_at(a, i);
      if (!f || f->difference != f->printed - f->expected || !tertial_audit_class_name(f->cls))
        abort();
    }
    char *text = NULL, *js = NULL;
    if (tertial_audit_format(&text, a, 0) < 0 || tertial_audit_format(&js, a, 1) < 0)
      abort();
    tertial_free(text);
    tertial_free(js);
  }
  tertial_audit_free(a);
  return 0;
}
