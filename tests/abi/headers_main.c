/* abi-headers-c: every public header compiles alone as C (the other translation units of
 * this test are generated from header_tu.c.in, one per header). */
#include <stdio.h>
#include <string.h>

#include <tertial/tertial.h>

int main(void)
{
  if (strcmp(tertial_version(), TERTIAL_VERSION_STRING) != 0) {
    fprintf(stderr, "tertial_version() is %s, the headers say %s\n", tertial_version(),
            TERTIAL_VERSION_STRING);
    return 1;
  }
  return 0;
}
