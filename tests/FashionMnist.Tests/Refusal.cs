using Xunit;

/// <summary>What a refused call says: the message of the exception <typeparamref name="T"/> it must throw.</summary>
static class Refusal
{
    public static string MessageOf<T>(Action act) where T : Exception => Assert.Throws<T>(act).Message;
}
