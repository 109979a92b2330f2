#include "internal.h"

const char *tertial_version(void)
{
  return TERTIAL_VERSION_STRING;
}
