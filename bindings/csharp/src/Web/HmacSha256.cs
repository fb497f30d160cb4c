using System;

namespace CognitoFeedback.Web
{
    /// <summary>
    /// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) in managed code. The platform's
    /// System.Security.Cryptography cannot be used: on Linux, .NET Core 3.1 loads OpenSSL 1.x and
    /// aborts the process when only OpenSSL 3 is installed (Debian 12 and later). Checked against
    /// the FIPS 180-4 and RFC 4231 vectors, and against the platform's on Mono, by the tests.
    /// </summary>
    internal static class HmacSha256
    {
        private const int BlockBytes = 64;

        private static readonly uint[] K =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        /// <summary>The SHA-256 digest of <paramref name="message"/>.</summary>
        internal static byte[] Sha256(byte[] message)
        {
            uint[] h = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
            // The message, 0x80, zeros, and its length in bits (big-endian): a whole number of blocks.
            long padded = ((message.LongLength + 8) / BlockBytes + 1) * BlockBytes;
            byte[] data = new byte[padded];
            Buffer.BlockCopy(message, 0, data, 0, message.Length);
            data[message.Length] = 0x80;
            ulong bits = (ulong)message.LongLength * 8;
            for (int i = 0; i < 8; i++)
            {
                data[padded - 1 - i] = (byte)(bits >> (8 * i));
            }
            uint[] w = new uint[64];
            for (long block = 0; block < padded; block += BlockBytes)
            {
                for (int t = 0; t < 16; t++)
                {
                    long at = block + 4 * t;
                    w[t] = (uint)data[at] << 24 | (uint)data[at + 1] << 16 | (uint)data[at + 2] << 8 | data[at + 3];
                }
                for (int t = 16; t < 64; t++)
                {
                    uint s0 = Rotate(w[t - 15], 7) ^ Rotate(w[t - 15], 18) ^ (w[t - 15] >> 3);
                    uint s1 = Rotate(w[t - 2], 17) ^ Rotate(w[t - 2], 19) ^ (w[t - 2] >> 10);
                    w[t] = unchecked(w[t - 16] + s0 + w[t - 7] + s1);
                }
                uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
                for (int t = 0; t < 64; t++)
                {
                    uint t1 = unchecked(hh + (Rotate(e, 6) ^ Rotate(e, 11) ^ Rotate(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]);
                    uint t2 = unchecked((Rotate(a, 2) ^ Rotate(a, 13) ^ Rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c)));
                    hh = g;
                    g = f;
                    f = e;
                    e = unchecked(d + t1);
                    d = c;
                    c = b;
                    b = a;
                    a = unchecked(t1 + t2);
                }
                h[0] = unchecked(h[0] + a);
                h[1] = unchecked(h[1] + b);
                h[2] = unchecked(h[2] + c);
                h[3] = unchecked(h[3] + d);
                h[4] = unchecked(h[4] + e);
                h[5] = unchecked(h[5] + f);
                h[6] = unchecked(h[6] + g);
                h[7] = unchecked(h[7] + hh);
            }
            byte[] digest = new byte[32];
            for (int i = 0; i < 8; i++)
            {
                digest[4 * i] = (byte)(h[i] >> 24);
                digest[4 * i + 1] = (byte)(h[i] >> 16);
                digest[4 * i + 2] = (byte)(h[i] >> 8);
                digest[4 * i + 3] = (byte)h[i];
            }
            return digest;
        }

        /// <summary>HMAC-SHA256 of <paramref name="message"/> under <paramref name="key"/>.</summary>
        internal static byte[] Mac(byte[] key, byte[] message)
        {
            byte[] block = new byte[BlockBytes];
            byte[] shortKey = key.Length > BlockBytes ? Sha256(key) : key;
            Buffer.BlockCopy(shortKey, 0, block, 0, shortKey.Length);
            byte[] inner = new byte[BlockBytes + message.Length];
            byte[] outer = new byte[BlockBytes + 32];
            for (int i = 0; i < BlockBytes; i++)
            {
                inner[i] = (byte)(block[i] ^ 0x36);
                outer[i] = (byte)(block[i] ^ 0x5c);
            }
            Buffer.BlockCopy(message, 0, inner, BlockBytes, message.Length);
            Buffer.BlockCopy(Sha256(inner), 0, outer, BlockBytes, 32);
            return Sha256(outer);
        }

        private static uint Rotate(uint value, int bits)
        {
            return value >> bits | value << (32 - bits);
        }
    }
}
