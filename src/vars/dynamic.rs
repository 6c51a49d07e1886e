//! Postman's `{{$dynamic}}` variables: a fresh value at every use.

use fake::faker::address::en::*;
use fake::faker::company::en::*;
use fake::faker::filesystem::en::*;
use fake::faker::internet::en::*;
use fake::faker::job::en::{Field, Position, Seniority, Title as JobTitle};
use fake::faker::lorem::en::*;
use fake::faker::name::en::*;
use fake::faker::phone_number::en::PhoneNumber;
use fake::Fake;
use rand::Rng;

fn pick<'a>(options: &[&'a str]) -> &'a str {
    options[rand::thread_rng().gen_range(0..options.len())]
}

fn hex(n: usize) -> String {
    let mut r = rand::thread_rng();
    (0..n)
        .map(|_| format!("{:x}", r.gen_range(0..16)))
        .collect()
}

fn words(n: std::ops::Range<usize>) -> String {
    let w: Vec<String> = Words(n).fake();
    w.join(" ")
}

/// Generates the value of `$name` (given without the `$`), or `None` if Postman has no such variable.
pub fn generate(name: &str) -> Option<String> {
    let mut r = rand::thread_rng();
    let now = chrono::Utc::now();
    Some(match name {
        "guid" | "randomUUID" => crate::uuid_v4::new().to_string(),
        "timestamp" => now.timestamp().to_string(),
        "isoTimestamp" => now.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        "randomInt" => r.gen_range(0..=1000).to_string(),
        "randomAlphaNumeric" => {
            let chars = b"abcdefghijklmnopqrstuvwxyz0123456789";
            (chars[r.gen_range(0..chars.len())] as char).to_string()
        }
        "randomBoolean" => r.gen_bool(0.5).to_string(),
        "randomColor" => pick(&["red", "green", "blue", "orange", "purple", "teal", "black", "white", "yellow", "magenta"]).into(),
        "randomHexColor" => format!("#{}", hex(6)),
        "randomAbbreviation" => pick(&["SQL", "PCI", "JSON", "HTTP", "XML", "AGP", "SSL", "RAM", "SMTP", "TCP"]).into(),
        "randomIP" => IPv4().fake(),
        "randomIPV6" => IPv6().fake(),
        "randomMACAddress" => MACAddress().fake(),
        "randomPassword" => Password(15..16).fake(),
        "randomLocale" => pick(&["en", "fr", "de", "es", "it", "nl", "pt", "sv", "ja", "zh"]).into(),
        "randomUserAgent" => UserAgent().fake(),
        "randomProtocol" => pick(&["http", "https"]).into(),
        "randomSemver" => Semver().fake(),
        "randomFirstName" => FirstName().fake(),
        "randomLastName" => LastName().fake(),
        "randomFullName" => Name().fake(),
        "randomNamePrefix" => Title().fake(),
        "randomNameSuffix" => Suffix().fake(),
        "randomJobArea" => Field().fake(),
        "randomJobDescriptor" => Seniority().fake(),
        "randomJobTitle" => JobTitle().fake(),
        "randomJobType" => Position().fake(),
        "randomPhoneNumber" => PhoneNumber().fake(),
        "randomPhoneNumberExt" => format!("{}-{}", r.gen_range(10..99), PhoneNumber().fake::<String>()),
        "randomCity" => CityName().fake(),
        "randomStreetName" => StreetName().fake(),
        "randomStreetAddress" => format!("{} {}", BuildingNumber().fake::<String>(), StreetName().fake::<String>()),
        "randomCountry" => CountryName().fake(),
        "randomCountryCode" => CountryCode().fake(),
        "randomLatitude" => Latitude().fake(),
        "randomLongitude" => Longitude().fake(),
        "randomAvatarImage" => format!("https://avatars.example.com/{}.jpg", hex(8)),
        "randomImageUrl" | "randomAbstractImage" | "randomAnimalsImage" | "randomBusinessImage" | "randomCatsImage"
        | "randomCityImage" | "randomFoodImage" | "randomNightlifeImage" | "randomFashionImage" | "randomPeopleImage"
        | "randomNatureImage" | "randomSportsImage" | "randomTransportImage" => "http://placeimg.com/640/480".into(),
        "randomImageDataUri" => "data:image/svg+xml;charset=UTF-8,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E".into(),
        "randomBankAccount" => format!("{:08}", r.gen_range(0..100_000_000u64)),
        "randomBankAccountName" => pick(&["Home Loan Account", "Checking Account", "Savings Account", "Money Market Account", "Auto Loan Account", "Credit Card Account", "Personal Loan Account"]).into(),
        "randomCreditCardMask" => format!("{:04}", r.gen_range(0..10000)),
        "randomBankAccountBic" => format!("{}US{}", pick(&["ABCD", "WXYZ", "BOFA", "CHAS"]), r.gen_range(10..99)),
        "randomBankAccountIban" => format!("GB{:02}BANK{:014}", r.gen_range(10..99), r.gen_range(0..99_999_999_999_999u64)),
        "randomTransactionType" => pick(&["invoice", "payment", "deposit", "withdrawal"]).into(),
        "randomCurrencyCode" => pick(&["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD"]).into(),
        "randomCurrencyName" => pick(&["US Dollar", "Euro", "Pound Sterling", "Yen", "Swiss Franc"]).into(),
        "randomCurrencySymbol" => pick(&["$", "€", "£", "¥"]).into(),
        "randomBitcoin" => format!("1{}", hex(32)),
        "randomCompanyName" => CompanyName().fake(),
        "randomCompanySuffix" => CompanySuffix().fake(),
        "randomBs" => Bs().fake(),
        "randomBsAdjective" => BsAdj().fake(),
        "randomBsBuzz" => BsVerb().fake(),
        "randomBsNoun" => BsNoun().fake(),
        "randomCatchPhrase" => CatchPhrase().fake(),
        "randomCatchPhraseAdjective" => Buzzword().fake(),
        "randomCatchPhraseDescriptor" => BuzzwordMiddle().fake(),
        "randomCatchPhraseNoun" => BuzzwordTail().fake(),
        "randomDatabaseColumn" => pick(&["id", "title", "name", "email", "password", "token", "group", "category", "status", "createdAt", "updatedAt", "comment"]).into(),
        "randomDatabaseType" => pick(&["int", "varchar", "text", "date", "datetime", "timestamp", "boolean", "bigint", "float", "binary"]).into(),
        "randomDatabaseCollation" => pick(&["utf8_unicode_ci", "utf8_general_ci", "utf8_bin", "ascii_bin", "cp1250_general_ci"]).into(),
        "randomDatabaseEngine" => pick(&["InnoDB", "MyISAM", "MEMORY", "CSV", "BLACKHOLE", "ARCHIVE"]).into(),
        "randomDateFuture" => (now + chrono::Duration::seconds(r.gen_range(60..31_536_000))).to_rfc2822(),
        "randomDatePast" => (now - chrono::Duration::seconds(r.gen_range(60..31_536_000))).to_rfc2822(),
        "randomDateRecent" => (now - chrono::Duration::seconds(r.gen_range(60..86_400))).to_rfc2822(),
        "randomWeekday" => pick(&["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]).into(),
        "randomMonth" => pick(&["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]).into(),
        "randomDomainName" => format!("{}.{}", Word().fake::<String>(), DomainSuffix().fake::<String>()),
        "randomDomainSuffix" => DomainSuffix().fake(),
        "randomDomainWord" => Word().fake(),
        "randomEmail" => FreeEmail().fake(),
        "randomExampleEmail" => SafeEmail().fake(),
        "randomUserName" => Username().fake(),
        "randomUrl" => format!("https://{}.{}", Word().fake::<String>(), DomainSuffix().fake::<String>()),
        "randomFileName" => FileName().fake(),
        "randomFileType" | "randomCommonFileType" => pick(&["application", "audio", "image", "text", "video"]).into(),
        "randomFileExt" | "randomCommonFileExt" => FileExtension().fake(),
        "randomMimeType" | "randomCommonFileName" => MimeType().fake(),
        "randomFilePath" => FilePath().fake(),
        "randomDirectoryPath" => DirPath().fake(),
        "randomDepartment" => pick(&["Books", "Music", "Electronics", "Garden", "Grocery", "Toys", "Sports", "Outdoors", "Health", "Home"]).into(),
        "randomProduct" => pick(&["Chair", "Table", "Shoes", "Hat", "Keyboard", "Computer", "Gloves", "Bike", "Car", "Ball"]).into(),
        "randomProductAdjective" => pick(&["Small", "Ergonomic", "Rustic", "Intelligent", "Gorgeous", "Incredible", "Fantastic", "Practical", "Sleek"]).into(),
        "randomProductMaterial" => pick(&["Steel", "Wooden", "Concrete", "Plastic", "Cotton", "Granite", "Rubber", "Metal", "Soft", "Fresh"]).into(),
        "randomProductName" => format!(
            "{} {} {}",
            pick(&["Small", "Ergonomic", "Rustic", "Intelligent", "Gorgeous"]),
            pick(&["Steel", "Wooden", "Concrete", "Plastic", "Cotton"]),
            pick(&["Chair", "Table", "Shoes", "Hat", "Keyboard"])
        ),
        "randomPrice" => format!("{}.{:02}", r.gen_range(1..1000), r.gen_range(0..100)),
        "randomNoun" | "randomWord" => Word().fake(),
        "randomVerb" | "randomIngverb" | "randomAdjective" | "randomPhrase" => words(1..4),
        "randomWords" => words(2..5),
        "randomLoremWord" => Word().fake(),
        "randomLoremWords" => words(3..4),
        "randomLoremSentence" => Sentence(4..10).fake(),
        "randomLoremSentences" => Sentences(2..6).fake::<Vec<String>>().join(" "),
        "randomLoremParagraph" => Paragraph(3..6).fake(),
        "randomLoremParagraphs" => Paragraphs(3..4).fake::<Vec<String>>().join("\n \r"),
        "randomLoremText" => Sentence(6..12).fake(),
        "randomLoremSlug" => words(3..4).replace(' ', "-"),
        "randomLoremLines" => Sentences(1..5).fake::<Vec<String>>().join("\n"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn common_variables_have_values() {
        for n in [
            "guid",
            "timestamp",
            "isoTimestamp",
            "randomInt",
            "randomUUID",
            "randomEmail",
            "randomFirstName",
            "randomFullName",
            "randomCity",
            "randomLoremSentence",
        ] {
            let v = super::generate(n).unwrap();
            assert!(!v.is_empty(), "{n}");
        }
        assert!(super::generate("notAVariable").is_none());
        let i: i64 = super::generate("randomInt").unwrap().parse().unwrap();
        assert!((0..=1000).contains(&i));
    }
}
