#pragma once
// The one catalogue every price in the GUI comes from: the application hands over the shipped
// catalogue (app/gui/main.cpp owns this object and passes it to each window), and the user may
// replace it with a file of their own (Settings > Pricing Catalogue...). The estimate, the live
// bill, the charts' cost, the exports and the Compare window all read catalogue(); a change emits
// catalogueChanged() so each re-prices. The choice persists in QSettings
// ("pricing/catalogueFile").

#include "model/pricing.h"

#include <QObject>

#include <memory>

namespace swb {

class PricingSource : public QObject
{
    Q_OBJECT

public:
    explicit PricingSource(const PricingCatalogue &shipped, QObject *parent = nullptr);

    const PricingCatalogue &catalogue() const { return *m_current; }
    // For work that outlives a change of catalogue (a comparison on a worker thread): keeps the
    // catalogue it started with alive.
    std::shared_ptr<const PricingCatalogue> shared() const { return m_current; }
    // The user's file, or empty while the shipped catalogue is in use.
    QString userFile() const { return m_userFile; }
    // A line for the user: "us-east-1 prices of 2026-01-29 (built in)" or "... (from FILE)".
    QString description() const;

    // Reads and validates `path`; on success uses it and remembers it in QSettings. On failure
    // keeps the current catalogue and sets *error (the file, the JSON path, what is allowed).
    bool loadFile(const QString &path, QString *error);
    // Back to the shipped catalogue (and forgets the user's file).
    void useShipped();
    // Start-up: loads the file remembered in QSettings, if any. A file that no longer reads
    // falls back to the shipped catalogue and returns false with *error saying why.
    bool restore(QString *error);

Q_SIGNALS:
    void catalogueChanged();

private:
    std::shared_ptr<const PricingCatalogue> m_shipped;
    std::shared_ptr<const PricingCatalogue> m_current;
    QString m_userFile;
};

} // namespace swb
