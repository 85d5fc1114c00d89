// Which tables describe darwin-x86_64: XNU's BSD numbers, shared by both Darwin targets
// (tables/darwin/, transcribed from XNU with the tag named in each header).
#pragma once

#define SP_TARGET_NAME "darwin-x86_64"

#include "arch/darwin-common/target_darwin.h"
