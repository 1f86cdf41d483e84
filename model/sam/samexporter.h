#pragma once

#include "model/design.h"

#include <QByteArray>
#include <QString>

namespace swb::sam {

// Writes a design as a SAM template (AWSTemplateFormatVersion 2010-09-09, Transform
// AWS::Serverless-2016-10-31): every block that is an AWS resource with its modelled parameters,
// wires as SAM Events, RedrivePolicy, DeadLetterQueue / EventInvokeConfig destinations,
// AWS::SNS::Subscription resources and a generated state machine Definition; everything kept from
// an import (unmodelled resources and properties, Parameters, Conditions, Outputs, Metadata...)
// merged back. What AWS cannot express (traffic sources, downstream dependencies, their wires,
// simulation-only parameters, names and positions) goes to Metadata.ServerlessWorkbench so that
// importSamText(exportSam(d)) gives d back.
QByteArray exportSam(const Design &design);
// Atomic write (model/atomicfile.h: force replaces a foreign file or a link's target); false
// with the reason on failure. A template above the importer's 4 MB bound is refused with the
// importer's message, so every template this writes can be imported again.
bool exportSamFile(const Design &design, const QString &path, QString *error, bool force = false);

} // namespace swb::sam
