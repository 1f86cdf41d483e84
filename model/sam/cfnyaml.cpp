#include "model/sam/cfnyaml.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

#include <string>
#include <vector>

namespace swb::sam {

namespace {

// yaml-cpp's parser recurses once per nesting level, so a text nested 100,000 deep would
// overflow the stack before any depth guard of ours could run. This pre-scan over-estimates the
// nesting (flow brackets outside quotes, plus block indentation levels and "- " / "key: " chains
// on one line) and refuses the text above the bound, in linear time.
QString checkNesting(const QByteArray &text, int maxDepth)
{
    int flow = 0;
    std::vector<int> indents; // open block levels
    int line = 1;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        // Start of a line: measure indentation.
        int indent = 0;
        while (i < n && text[i] == ' ') {
            ++indent;
            ++i;
        }
        int inlineLevels = 0;
        bool content = false;
        char quote = 0;
        for (; i < n && text[i] != '\n'; ++i) {
            const char c = text[i];
            if (quote) {
                if (c == quote)
                    quote = 0;
                continue;
            }
            if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
                while (i < n && text[i] != '\n')
                    ++i;
                break;
            }
            if (c == '"' || c == '\'') {
                if (flow > 0 || !content || text[i - 1] == ' ')
                    quote = c;
            } else if (c == '[' || c == '{') {
                ++flow;
            } else if (c == ']' || c == '}') {
                flow = flow > 0 ? flow - 1 : 0;
            } else if ((c == '-' || c == ':' || c == '?') && flow == 0
                       && (i + 1 >= n || text[i + 1] == ' ')) {
                ++inlineLevels;
            }
            if (c != ' ' && c != '\t' && c != '\r')
                content = true;
            if (flow > maxDepth)
                return QStringLiteral("line %1: nesting deeper than %2 levels")
                    .arg(line)
                    .arg(maxDepth);
        }
        if (content && flow == 0) {
            while (!indents.empty() && indents.back() >= indent)
                indents.pop_back();
            indents.push_back(indent);
            if (int(indents.size()) + inlineLevels > maxDepth)
                return QStringLiteral("line %1: nesting deeper than %2 levels")
                    .arg(line)
                    .arg(maxDepth);
        }
        ++line;
        ++i; // the newline
    }
    return {};
}

// Events of one document, ignored but for where its content starts (a second document's
// place; its '---' when it has no content).
struct FirstMark : YAML::EventHandler {
    YAML::Mark start;
    YAML::Mark content;
    bool seen = false;
    YAML::Mark mark() const { return seen ? content : start; }
    void at(const YAML::Mark &m)
    {
        if (!seen)
            content = m;
        seen = true;
    }
    void OnDocumentStart(const YAML::Mark &m) override { start = m; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &m, YAML::anchor_t) override { at(m); }
    void OnAlias(const YAML::Mark &m, YAML::anchor_t) override { at(m); }
    void OnScalar(const YAML::Mark &m, const std::string &, YAML::anchor_t,
                  const std::string &) override
    {
        at(m);
    }
    void OnSequenceStart(const YAML::Mark &m, const std::string &, YAML::anchor_t,
                         YAML::EmitterStyle::value) override
    {
        at(m);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark &m, const std::string &, YAML::anchor_t,
                    YAML::EmitterStyle::value) override
    {
        at(m);
    }
    void OnMapEnd() override {}
};

struct Converter {
    ParseLimits limits;
    qint64 nodes = 0;
    qint64 bytes = 0;
    QString error;

    bool convert(const YAML::Node &in, CfnNode *out, int depth)
    {
        if (++nodes > limits.maxNodes) {
            error = QStringLiteral("more than %1 nodes after expanding aliases (an alias bomb?)")
                        .arg(limits.maxNodes);
            return false;
        }
        if (depth > limits.maxDepth) {
            error = QStringLiteral("nesting deeper than %1 levels").arg(limits.maxDepth);
            return false;
        }
        const std::string &tag = in.Tag();
        if (tag.size() > 1 && tag[0] == '!')
            out->tag = QString::fromStdString(tag.substr(1));
        switch (in.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            out->type = CfnNode::Type::Null;
            return true;
        case YAML::NodeType::Scalar:
            bytes += qint64(in.Scalar().size());
            if (bytes > limits.maxExpandedBytes) {
                error = QStringLiteral("more than %1 MB of text after expanding aliases (an "
                                       "alias bomb?)")
                            .arg(limits.maxExpandedBytes / (1024 * 1024));
                return false;
            }
            out->type = CfnNode::Type::Scalar;
            out->scalar = QString::fromStdString(in.Scalar());
            out->quoted = tag == "!";
            return true;
        case YAML::NodeType::Sequence:
            out->type = CfnNode::Type::Sequence;
            out->items.reserve(in.size());
            for (const YAML::Node &child : in) {
                out->items.emplace_back();
                if (!convert(child, &out->items.back(), depth + 1))
                    return false;
            }
            return true;
        case YAML::NodeType::Map:
            out->type = CfnNode::Type::Map;
            for (const auto &kv : in) {
                if (!kv.first.IsScalar()) {
                    error = QStringLiteral("line %1, column %2: a map key must be plain text")
                                .arg(kv.first.Mark().line + 1)
                                .arg(kv.first.Mark().column + 1);
                    return false;
                }
                out->entries.emplace_back(QString::fromStdString(kv.first.Scalar()), CfnNode());
                if (!convert(kv.second, &out->entries.back().second, depth + 1))
                    return false;
            }
            return true;
        }
        return true;
    }
};

void emitNode(YAML::Emitter &out, const CfnNode &node)
{
    if (!node.tag.isEmpty())
        out << YAML::LocalTag(node.tag.toStdString());
    switch (node.type) {
    case CfnNode::Type::Null:
        if (node.tag.isEmpty())
            out << YAML::Null;
        else
            out << std::string();
        break;
    case CfnNode::Type::Scalar: {
        const std::string text = node.scalar.toStdString();
        if (node.scalar.contains(QLatin1Char('\n')))
            out << YAML::Literal << text;
        else if (node.quoted)
            out << YAML::DoubleQuoted << text;
        else
            out << text;
        break;
    }
    case CfnNode::Type::Sequence:
        // Short-tag arguments read best in flow style (!GetAtt [A, Arn]) when they are flat.
        if (!node.tag.isEmpty()) {
            bool flat = true;
            for (const CfnNode &item : node.items)
                flat = flat && item.isScalar() && item.tag.isEmpty()
                       && !item.scalar.contains(QLatin1Char('\n'));
            if (flat)
                out << YAML::Flow;
        }
        out << YAML::BeginSeq;
        for (const CfnNode &item : node.items)
            emitNode(out, item);
        out << YAML::EndSeq;
        break;
    case CfnNode::Type::Map:
        out << YAML::BeginMap;
        for (const auto &entry : node.entries) {
            out << YAML::Key << entry.first.toStdString() << YAML::Value;
            emitNode(out, entry.second);
        }
        out << YAML::EndMap;
        break;
    }
}

} // namespace

ParseResult parseCfn(const QByteArray &text, const ParseLimits &limits)
{
    ParseResult result;
    if (text.size() > limits.maxBytes) {
        result.error = QStringLiteral("the file is %1 MB; templates above %2 MB are refused "
                                      "(CloudFormation itself accepts at most 1 MB)")
                           .arg(double(text.size()) / (1024 * 1024), 0, 'f', 1)
                           .arg(limits.maxBytes / (1024 * 1024));
        return result;
    }
    const QString nesting = checkNesting(text, limits.maxDepth);
    if (!nesting.isEmpty()) {
        result.error = nesting;
        return result;
    }
    YAML::Node doc;
    try {
        // The first document, then at most one more step of the event parser to see whether a
        // second one starts. Not YAML::LoadAll: on some malformed input yaml-cpp 0.7 reports an
        // endless run of empty documents, and LoadAll collects them until memory runs out (a
        // 938-byte template grew past 18 GB; the fuzz corpus keeps it).
        const std::string utf8 = text.toStdString();
        doc = YAML::Load(utf8);
        std::istringstream in(utf8);
        YAML::Parser parser(in);
        FirstMark first;
        parser.HandleNextDocument(first); // the document just loaded
        FirstMark second;
        if (parser.HandleNextDocument(second)) {
            result.error = QStringLiteral("line %1, column %2: a second YAML document starts "
                                          "here; a file holds one document (remove the '---' "
                                          "and what follows, or merge it)")
                               .arg(second.mark().line + 1)
                               .arg(second.mark().column + 1);
            return result;
        }
    } catch (const YAML::Exception &e) {
        result.error = QStringLiteral("line %1, column %2: %3")
                           .arg(e.mark.line + 1)
                           .arg(e.mark.column + 1)
                           .arg(QString::fromStdString(e.msg));
        return result;
    }
    Converter converter{limits, 0, 0, {}};
    try {
        if (!converter.convert(doc, &result.root, 0)) {
            result.error = converter.error;
            return result;
        }
    } catch (const YAML::Exception &e) {
        result.error = QString::fromStdString(e.what());
        return result;
    }
    result.ok = true;
    return result;
}

QByteArray emitCfnYaml(const CfnNode &root)
{
    YAML::Emitter out;
    out.SetIndent(2);
    emitNode(out, root);
    QByteArray bytes(out.c_str(), qsizetype(out.size()));
    if (!bytes.endsWith('\n'))
        bytes.append('\n');
    return bytes;
}

} // namespace swb::sam
