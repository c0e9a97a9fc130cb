using System.Numerics;
using System.Security.Cryptography;

namespace Senim.Labels.Cose;

/// <summary>
/// Ed25519 signature verification (RFC 8032, section 5.1.7), which .NET does not provide. Verification
/// only, on public data, so constant time is not needed; clarity is preferred over speed.
/// </summary>
internal static class Ed25519
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
    private static readonly BigInteger SqrtMinus1 = BigInteger.ModPow(2, (P - 1) / 4, P);
    private static readonly Point Base = BasePoint();

    /// <summary>True when <paramref name="signature"/> (64 bytes) is a valid signature of <paramref name="message"/> under <paramref name="publicKey"/> (32 bytes).</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != 32 || signature.Length != 64)
        {
            return false;
        }

        var s = new BigInteger(signature[32..], isUnsigned: true, isBigEndian: false);
        if (s >= L || Decode(publicKey) is not { } a || Decode(signature[..32]) is not { } r)
        {
            return false;
        }

        var hashInput = new byte[64 + message.Length];
        signature[..32].CopyTo(hashInput);
        publicKey.CopyTo(hashInput.AsSpan(32));
        message.CopyTo(hashInput.AsSpan(64));
        var k = new BigInteger(SHA512.HashData(hashInput), isUnsigned: true, isBigEndian: false) % L;

        var left = Multiply(Base, s);
        var right = Add(r, Multiply(a, k));
        return Equal(left, right);
    }

    private readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }

    private static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);

    private static Point Add(Point p, Point q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(2 * p.T * q.T * D);
        var d = Mod(2 * p.Z * q.Z);
        var e = b - a;
        var f = d - c;
        var g = d + c;
        var h = b + a;
        return new Point(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    private static Point Multiply(Point p, BigInteger scalar)
    {
        var result = new Point(0, 1, 1, 0);
        while (scalar > 0)
        {
            if (!scalar.IsEven)
            {
                result = Add(result, p);
            }

            p = Add(p, p);
            scalar >>= 1;
        }

        return result;
    }

    private static bool Equal(Point p, Point q) =>
        Mod(p.X * q.Z - q.X * p.Z) == 0 && Mod(p.Y * q.Z - q.Y * p.Z) == 0;

    private static Point? Decode(ReadOnlySpan<byte> encoded)
    {
        Span<byte> bytes = stackalloc byte[32];
        encoded.CopyTo(bytes);
        var sign = bytes[31] >> 7;
        bytes[31] &= 0x7F;
        var y = new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
        if (y >= P)
        {
            return null;
        }

        var x = RecoverX(y, sign);
        return x is { } value ? new Point(value, y, 1, Mod(value * y)) : null;
    }

    private static BigInteger? RecoverX(BigInteger y, int sign)
    {
        var y2 = Mod(y * y);
        var u = Mod(y2 - 1);
        var v = Mod(D * y2 + 1);
        var x2 = Mod(u * Inverse(v));
        if (x2.IsZero)
        {
            return sign == 0 ? BigInteger.Zero : null;
        }

        var x = BigInteger.ModPow(x2, (P + 3) / 8, P);
        if (Mod(x * x - x2) != 0)
        {
            x = Mod(x * SqrtMinus1);
        }

        if (Mod(x * x - x2) != 0)
        {
            return null;
        }

        if ((int)(x & 1) != sign)
        {
            x = P - x;
        }

        return x;
    }

    private static Point BasePoint()
    {
        var y = Mod(4 * Inverse(5));
        var x = RecoverX(y, 0)!.Value;
        return new Point(x, y, 1, Mod(x * y));
    }
}
