/* A stand-in for Windows' icuuc.dll, for Wine 8 only (Windows 10 1703 and later ship the real one).
 *
 * Qt6Core.dll imports ICU's character converters (ucnv_*) from the system's icuuc.dll; Wine 8 has no
 * such DLL, so QtCore would not load at all. Here every converter fails to open and none is
 * available, and Qt falls back to its own codecs (the program needs only UTF-8 and UTF-16).
 * Built by packaging/windows/setup.sh into the Wine prefix's system32, never into the bundle. */
#include <stddef.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)

EXPORT void *ucnv_open(const char *name, UErrorCode *err) {
    (void)name;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
EXPORT int ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err) {
    (void)name; (void)standard;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
EXPORT const char *ucnv_getName(const void *cnv, UErrorCode *err) {
    (void)cnv;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
/* never reached without an open converter; present so the DLL's imports resolve */
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT signed char ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
EXPORT void ucnv_getToUCallBack(void) {}
EXPORT void ucnv_getFromUCallBack(void) {}
EXPORT void ucnv_setToUCallBack(void) {}
EXPORT void ucnv_setFromUCallBack(void) {}
EXPORT void ucnv_cbToUWriteUChars(void) {}
EXPORT void ucnv_cbFromUWriteUChars(void) {}
EXPORT void ucnv_toUnicode(void) {}
EXPORT void ucnv_fromUnicode(void) {}
EXPORT int ucnv_toUCountPending(void) { return 0; }
EXPORT int ucnv_fromUCountPending(void) { return 0; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
