/* A stand-in for Windows' bcryptprimitives.dll, for Wine 8 only (Windows 10 and later ship the real one).
 *
 * cryptography's Rust extension (Rust's std since 1.78) takes its random bytes from
 * bcryptprimitives.dll!ProcessPrng, which Wine 8 lacks. This forwards to BCryptGenRandom with the
 * system's preferred generator, which Wine has. Built by packaging/windows/setup.sh into the Wine
 * prefix's system32, never into the bundle. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
