#pragma once
// A tiny spreadsheet evaluator for the tests: recomputes a workbook read back from its XML
// (tests/exporttestutil.h) from its formulas alone, so a test can change an input cell (a price,
// a quantity) and see what a spreadsheet program would show. It knows only what the cost sheet
// uses: numbers, "" strings, A1 / $A$1 / Sheet!A1 references and ranges, + - * /, = <> < > <= >=,
// parentheses and SUM, SUMIF (equality criteria), ROUND, MAX, MIN, IF.

#include "../exporttestutil.h"

#include <QHash>
#include <QList>
#include <QString>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace swb::test {

class XlsxEvaluator
{
public:
    // sheets: name -> cells (formula text and cached value as read back).
    explicit XlsxEvaluator(QHash<QString, QHash<QString, XlsxCell>> sheets)
        : m_sheets(std::move(sheets))
    {}

    // Replaces a cell by a plain value (what a reader typing into it does).
    void setInput(const QString &sheet, const QString &ref, double value)
    {
        m_sheets[sheet][ref] = XlsxCell{ref, {}, QString::number(value, 'g', 17)};
        m_memo.clear();
    }

    // The value of a cell computed from its formula (or its plain value); throws on syntax the
    // evaluator does not know.
    double number(const QString &sheet, const QString &ref) { return cell(sheet, ref).n; }

private:
    struct Value {
        enum Kind { Empty, Number, Text, Range } kind = Empty;
        double n = 0;
        QString s;
        QList<Value> items; // Range
    };

    Value cell(const QString &sheet, const QString &ref)
    {
        const QString key = sheet + QLatin1Char('!') + ref;
        if (m_memo.contains(key))
            return m_memo.value(key);
        const XlsxCell c = m_sheets.value(sheet).value(ref);
        Value v;
        if (!c.formula.isEmpty()) {
            Parser p{this, sheet, c.formula, 0};
            v = p.expr();
            if (p.pos != c.formula.size())
                throw std::runtime_error(("trailing text in " + c.formula.toStdString()));
        } else if (!c.value.isEmpty()) {
            bool ok = false;
            const double n = c.value.toDouble(&ok);
            v = ok ? Value{Value::Number, n, {}, {}} : Value{Value::Text, 0, c.value, {}};
        }
        m_memo.insert(key, v);
        return v;
    }

    static bool equal(const Value &a, const Value &b)
    {
        if (a.kind == Value::Number && b.kind == Value::Number)
            return a.n == b.n;
        auto text = [](const Value &v) {
            return v.kind == Value::Number ? QString::number(v.n, 'g', 17) : v.s;
        };
        return text(a) == text(b);
    }

    struct Parser {
        XlsxEvaluator *ev;
        QString sheet;
        QString f;
        qsizetype pos;

        QChar peek() const { return pos < f.size() ? f.at(pos) : QChar(); }
        bool eat(const char *token)
        {
            const QString t = QLatin1String(token);
            if (f.mid(pos, t.size()) != t)
                return false;
            pos += t.size();
            return true;
        }
        [[noreturn]] void fail(const char *what) const
        {
            throw std::runtime_error(QStringLiteral("%1 at %2 in %3")
                                         .arg(QLatin1String(what))
                                         .arg(pos)
                                         .arg(f)
                                         .toStdString());
        }
        Value expr()
        {
            const Value a = additive();
            for (const char *op : {"<>", ">=", "<=", "=", ">", "<"}) {
                if (eat(op)) {
                    const Value b = additive();
                    const QString o = QLatin1String(op);
                    bool r = false;
                    if (o == QLatin1String("="))
                        r = equal(a, b);
                    else if (o == QLatin1String("<>"))
                        r = !equal(a, b);
                    else if (o == QLatin1String(">"))
                        r = a.n > b.n;
                    else if (o == QLatin1String("<"))
                        r = a.n < b.n;
                    else if (o == QLatin1String(">="))
                        r = a.n >= b.n;
                    else
                        r = a.n <= b.n;
                    return Value{Value::Number, r ? 1.0 : 0.0, {}, {}};
                }
            }
            return a;
        }
        Value additive()
        {
            Value v = term();
            while (peek() == QLatin1Char('+') || peek() == QLatin1Char('-')) {
                const bool plus = f.at(pos++) == QLatin1Char('+');
                const double r = term().n;
                v = Value{Value::Number, plus ? v.n + r : v.n - r, {}, {}};
            }
            return v;
        }
        Value term()
        {
            Value v = unary();
            while (peek() == QLatin1Char('*') || peek() == QLatin1Char('/')) {
                const bool times = f.at(pos++) == QLatin1Char('*');
                const double r = unary().n;
                v = Value{Value::Number, times ? v.n * r : v.n / r, {}, {}};
            }
            return v;
        }
        Value unary()
        {
            if (eat("-"))
                return Value{Value::Number, -unary().n, {}, {}};
            return primary();
        }
        Value primary()
        {
            if (eat("(")) {
                const Value v = expr();
                if (!eat(")"))
                    fail("missing )");
                return v;
            }
            if (eat("\"")) {
                const qsizetype end = f.indexOf(QLatin1Char('"'), pos);
                const Value v{Value::Text, 0, f.mid(pos, end - pos), {}};
                pos = end + 1;
                return v;
            }
            if (peek().isDigit() || peek() == QLatin1Char('.')) {
                const qsizetype start = pos;
                while (peek().isDigit() || peek() == QLatin1Char('.') || peek() == QLatin1Char('E')
                       || (pos > start && f.at(pos - 1) == QLatin1Char('E')
                           && (peek() == QLatin1Char('+') || peek() == QLatin1Char('-'))))
                    ++pos;
                return Value{Value::Number, f.mid(start, pos - start).toDouble(), {}, {}};
            }
            const qsizetype start = pos;
            while (peek().isLetterOrNumber() || peek() == QLatin1Char('$'))
                ++pos;
            const QString word = f.mid(start, pos - start);
            if (eat("("))
                return function(word);
            QString target = sheet;
            QString ref = word;
            if (eat("!")) {
                target = word;
                const qsizetype s = pos;
                while (peek().isLetterOrNumber() || peek() == QLatin1Char('$'))
                    ++pos;
                ref = f.mid(s, pos - s);
            }
            ref.remove(QLatin1Char('$'));
            if (!eat(":"))
                return ev->cell(target, ref);
            const qsizetype s = pos;
            while (peek().isLetterOrNumber() || peek() == QLatin1Char('$'))
                ++pos;
            QString last = f.mid(s, pos - s);
            last.remove(QLatin1Char('$'));
            Value range{Value::Range, 0, {}, {}};
            for (QChar col = ref.at(0); col <= last.at(0); col = QChar(col.unicode() + 1)) {
                for (int row = ref.mid(1).toInt(); row <= last.mid(1).toInt(); ++row)
                    range.items.append(ev->cell(target, col + QString::number(row)));
            }
            return range;
        }
        QList<Value> args()
        {
            QList<Value> out;
            if (eat(")"))
                return out;
            do
                out.append(expr());
            while (eat(","));
            if (!eat(")"))
                fail("missing ) after arguments");
            return out;
        }
        Value function(const QString &name)
        {
            const QList<Value> a = args();
            QList<double> numbers;
            for (const Value &v : a) {
                for (const Value &item : v.kind == Value::Range ? v.items : QList<Value>{v}) {
                    if (item.kind == Value::Number)
                        numbers.append(item.n);
                }
            }
            auto num = [](double n) { return Value{Value::Number, n, {}, {}}; };
            if (name == QLatin1String("SUM")) {
                double s = 0;
                for (double n : numbers)
                    s += n;
                return num(s);
            }
            if (name == QLatin1String("ROUND") && a.size() == 2) {
                const double scale = std::pow(10.0, a.at(1).n);
                return num(std::round(a.at(0).n * scale) / scale);
            }
            if (name == QLatin1String("MAX") && !numbers.isEmpty())
                return num(*std::max_element(numbers.cbegin(), numbers.cend()));
            if (name == QLatin1String("MIN") && !numbers.isEmpty())
                return num(*std::min_element(numbers.cbegin(), numbers.cend()));
            if (name == QLatin1String("IF") && a.size() == 3)
                return a.at(0).n != 0 ? a.at(1) : a.at(2);
            if (name == QLatin1String("SUMIF") && a.size() == 3) {
                double s = 0;
                for (qsizetype i = 0; i < a.at(0).items.size(); ++i) {
                    const Value &k = a.at(0).items.at(i);
                    if (equal(k, a.at(1)) && a.at(2).items.value(i).kind == Value::Number)
                        s += a.at(2).items.at(i).n;
                }
                return num(s);
            }
            fail("unknown function");
        }
    };

    QHash<QString, QHash<QString, XlsxCell>> m_sheets;
    QHash<QString, Value> m_memo;
};

} // namespace swb::test
