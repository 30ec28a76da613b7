using System.Runtime.InteropServices;

namespace MagicHub.Bench.Transcription;

/// <summary>
/// Processor seconds (user + system) used so far by this process and by its finished, waited-for children (ffmpeg,
/// pocketsphinx_continuous): differences of it measure work independently of how busy the machine is.
/// </summary>
internal static partial class CpuClock
{
    private const int Self = 0;
    private const int Children = -1;

    public static double Now() => Seconds(Self) + Seconds(Children);

    private static double Seconds(int who)
    {
        if (GetResourceUsage(who, out var usage) != 0)
        {
            throw new InvalidOperationException("getrusage failed: " + Marshal.GetLastPInvokeError());
        }

        return usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6);
    }

    // struct rusage on 64-bit Linux starts with two struct timeval (seconds, microseconds as longs); the rest is 14 longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        private unsafe fixed long _rest[14];
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);
}
