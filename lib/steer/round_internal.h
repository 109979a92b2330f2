/* Internal: the model owns its round (round.c makes it on first use and frees it). */
#ifndef TERTIAL_ROUND_INTERNAL_H
#define TERTIAL_ROUND_INTERNAL_H

#include "internal.h"

typedef struct tertial__round tertial__round;
void tertial__round_free(tertial__round *round);

#endif
