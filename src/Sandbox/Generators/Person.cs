using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Generators;

/// <summary>A customer's identity, derived from the customer's index alone so nested copies match the customer record.</summary>
internal sealed record Person(
    long Id, string? FirstName, string? LastName, string Email, string? Phone, string CustomerCode, string RiskAction)
{
    private static readonly string[] FirstNames =
        ["Okiki", "Linda", "Chidi", "Amara", "Tunde", "Zanele", "Kwame", "Ada", "Thabo", "Ngozi", "Femi", "Lerato", "Yaw", "Bisi", "Sipho", "Efua"];

    private static readonly string[] LastNames =
        ["Sample", "Frost", "Okafor", "Mensah", "Adeyemi", "Dlamini", "Owusu", "Nwosu", "Khumalo", "Balogun", "Asante", "Ndlovu"];

    private static readonly string[] Domains = ["gmail.com", "outlook.com", "yahoo.com", "example.ng", "mail.co.za"];

    public static Person Create(int seed, long customerIndex, long customerId)
    {
        var random = RecordRandom.For(seed, "customer", customerIndex, purpose: 0xC057);
        var first = random.Pick(FirstNames);
        var last = random.Pick(LastNames);
        var named = random.Chance(0.75);
        var email = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{customerIndex}@{random.Pick(Domains)}";
        var phone = random.Chance(0.6) ? "0" + random.Pick(new[] { "80", "81", "70", "90" }) + random.Digits(8) : null;
        var code = "CUS_" + random.Code(15);
        var risk = random.Chance(0.97) ? "default" : random.Chance(0.5) ? "allow" : "deny";
        return new Person(customerId, named ? first : null, named ? last : null, email, phone, code, risk);
    }
}
