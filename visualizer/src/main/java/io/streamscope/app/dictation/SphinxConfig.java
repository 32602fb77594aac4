package io.streamscope.app.dictation;

import java.io.InputStream;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Sphinx4's own default configuration ({@code default.config.xml} in sphinx4-core) with some of its global
 * properties changed. Sphinx reads its settings when the recogniser is built, and changing one afterwards
 * rebuilds parts of the front end, so the only safe way to tune it is a configuration file of its own.
 */
final class SphinxConfig {
    static final String DEFAULT = "/edu/cmu/sphinx/api/default.config.xml";

    private SphinxConfig() {
    }

    /** The default configuration as XML text, with each global property named in {@code globals} set. */
    static String withGlobals(Map<String, String> globals) throws java.io.IOException {
        try (InputStream in = SphinxConfig.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new java.io.IOException("missing resource " + DEFAULT + " (sphinx4-core must be on the class path)");
            }
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(in);
            Set<String> set = new HashSet<>();
            for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element && ((Element) n).getTagName().equals("property")) {
                    Element e = (Element) n;
                    String value = globals.get(e.getAttribute("name"));
                    if (value != null) {
                        e.setAttribute("value", value);
                        set.add(e.getAttribute("name"));
                    }
                }
            }
            if (!set.containsAll(globals.keySet())) {
                Set<String> missing = new java.util.TreeSet<>(globals.keySet());
                missing.removeAll(set);
                throw new java.io.IOException("Sphinx's " + DEFAULT + " has no global properties " + missing);
            }
            StringWriter out = new StringWriter();
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException
                 | javax.xml.transform.TransformerException e) {
            throw new java.io.IOException("cannot read Sphinx's " + DEFAULT + ": " + e.getMessage(), e);
        }
    }
}
