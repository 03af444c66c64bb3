#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* System ICU headers clash with Foundation's copy of ICU; Almanac never needs libxml2's ICU paths. */
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void CLibXML2_free(void *pointer) { xmlFree(pointer); }

/// Silences libxml2's default error printing to stderr; Almanac reports problems itself.
static inline void CLibXML2_silence(void) { xmlSetGenericErrorFunc(NULL, NULL); xmlSetStructuredErrorFunc(NULL, NULL); }

#endif
