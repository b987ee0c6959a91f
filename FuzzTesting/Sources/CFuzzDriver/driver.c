// Declarations only (include/CFuzzDriver.h); libFuzzer itself is linked by scripts/fuzz.
#include "CFuzzDriver.h"
