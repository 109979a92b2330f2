// abi-cxx: the public headers compile as C++17 without warnings and link with C linkage.
// This unit includes the umbrella header; generated units include each header alone.
#include <tertial/tertial.h>

#include <cstdio>
#include <cstring>

int main()
{
  const char *version = tertial_version();
  if (version == nullptr || std::strcmp(version, TERTIAL_VERSION_STRING) != 0) {
    std::fprintf(stderr, "tertial_version() is %s, the headers say %s\n",
                 version ? version : "(null)", TERTIAL_VERSION_STRING);
    return 1;
  }
  return 0;
}
