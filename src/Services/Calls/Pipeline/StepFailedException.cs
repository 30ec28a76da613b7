namespace MagicHub.Calls.Pipeline;

/// <summary>A stage failed in a way a retry cannot fix (e.g. the audio is corrupt); the call ends <c>failed</c>.</summary>
public sealed class StepFailedException(string message) : Exception(message)
{
    public StepFailedException() : this("The stage failed.")
    {
    }

    public StepFailedException(string message, Exception inner) : this(message + " " + inner.Message)
    {
    }
}
