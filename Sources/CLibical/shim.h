#ifndef CLIBICAL_SHIM_H
#define CLIBICAL_SHIM_H

#include <libical/ical.h>

/// libical's error code lives in a thread-local reached through a function; Swift imports the
/// function, but not the enum's reset, so both are wrapped here.
static inline icalerrorenum CLibical_errno(void) { return *icalerrno_return(); }
static inline void CLibical_clear_errno(void) { icalerror_clear_errno(); }

#endif
