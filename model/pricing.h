#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <limits>
#include <optional>

namespace swb {

// One price step of a billing dimension: the price applies to the cumulative monthly quantity up
// to upTo (units of the dimension; infinity for the last step).
struct PriceTier {
    double upTo = std::numeric_limits<double>::infinity();
    double price = 0; // USD per PriceDimension::per units
};

enum class FreeTierTerm {
    None,
    Always,      // always-free allowance (Lambda, SNS, SQS, Step Functions)
    TwelveMonths // only during an account's first 12 months (API Gateway, legacy free tier)
};

struct FreeTier {
    double quantity = 0; // units per month
    FreeTierTerm term = FreeTierTerm::None;
    // Dimensions naming the same pool share one allowance (Lambda's 400,000 GB-s cover x86_64
    // and arm64 together; SQS's 1 M requests cover standard and FIFO).
    QString pool;
};

// One billed quantity of a service, e.g. Lambda "duration-x86_64" in GB-s.
struct PriceDimension {
    QString service;        // "lambda"
    QString id;             // "duration-x86_64"
    QString name;           // "Duration (x86_64)"
    QString unit;           // "GB-s"
    double per = 1;         // prices are quoted per this many units (1,000,000 for "per million")
    QList<PriceTier> tiers; // ascending upTo; the last is unbounded
    FreeTier freeTier;
    QString source;     // where the price comes from
    QString confidence; // "verified", "secondary" (the reference's warning mark) or "derived"
    // Metering rules (0 = not applicable), editable in the catalogue with the prices:
    double chunkKB = 0;       // each started chunk of a payload is one unit (SNS/SQS 64 KB...)
    double roundingMs = 0;    // duration rounded up to this step (Lambda 1 ms, Express 100 ms)
    double memoryChunkMB = 0; // memory billed in chunks (Express 64 MB)
    double roundUpKB = 0;     // record size rounded up (Kinesis on-demand 1 KB)
    double batchLimit = 0;    // messages one batched request may carry (SQS 10)
    // Extra units per execution, an assumption a catalogue may state (0 in the built-in one:
    // AWS bills Step Functions Standard per state entered and per retry, nothing per start/end).
    double fixedPerExecution = 0;

    // USD for the units between cumulative quantities from and to (from <= to), walking the tiers.
    double costOfRange(double from, double to) const;
    // "$0.20 per 1M requests", or "$3.50/1M up to 333M, then $2.80/1M ..." for tiered prices.
    QString priceText() const;
};

// The dated price list the cost model reads: resources/pricing/us-east-1.json compiled in as
// ":/pricing/us-east-1.json", or a replacement file the user edits. Nothing in the cost model
// hard-codes a price; every number is looked up here.
class PricingCatalogue
{
public:
    static constexpr const char *BuiltInPath = ":/pricing/us-east-1.json";

    // Reads and validates a catalogue. On failure returns nullopt and an error naming the file,
    // the JSON path of the bad item ("services.sqs.dimensions.requests-standard.tiers[1].price")
    // and what is allowed.
    static std::optional<PricingCatalogue> load(const QString &path, QString *error);
    static std::optional<PricingCatalogue> fromJson(const QByteArray &json, const QString &origin,
                                                    QString *error);
    // The compiled-in catalogue (loaded once; a broken built-in file is a build defect and aborts
    // with its message).
    static const PricingCatalogue &builtIn();

    // Every (service, dimension) the cost model prices; a catalogue missing one is refused.
    static QList<QPair<QString, QString>> requiredDimensions();

    QString origin;             // file it was read from
    QString region;             // "us-east-1"
    QString currency;           // "USD"
    QString date;               // date of the prices, ISO "2026-01-29"
    double hoursPerMonth = 730; // AWS pricing calculator convention
    QList<PriceDimension> dimensions;

    const PriceDimension *dimension(const QString &service, const QString &id) const;
    QString serviceName(const QString &service) const;
    double secondsPerMonth() const { return hoursPerMonth * 3600.0; }

private:
    QList<QPair<QString, QString>> m_serviceNames; // service id -> display name
};

// Billing units of one payload metered in chunks: a started chunk counts as a whole one and an
// empty payload still counts once (SNS/SQS 64 KB, Kinesis 25 KB, HTTP APIs 512 KB).
double meteredChunks(double payloadKB, double chunkKB);

// A unit price in fixed notation with at least cents: "$0.20", "$0.0000166667", "$3.50".
QString formatUnitPrice(double usd);

} // namespace swb
