// A stand-in for LanguageTool's HTTP server, compiled into a jar by the tests (see
// tests/test_languagetool_install.py). It has LanguageTool's class name and command line
// (java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port N, or -p N), listens
// on localhost only, and answers GET /v2/healthcheck, GET /v2/languages and /v2/check (POST form or
// GET query) in LanguageTool's documented response shape, with UTF-16 offsets as Java counts them.
// Its "rules" are three tiny patterns, enough to see real matches travel through qualitycheck:
// a few misspellings (MORFOLOGIK_RULE_EN_US), "a" before a vowel (EN_A_VS_AN) and "he/she/it
// have" (HE_VERB_AGR). Rules named in disabledRules are not applied, as in LanguageTool.
package org.languagetool.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class HTTPServer {
  private static final String VERSION = "6.8";
  private static final Map<String, String> TYPOS = new HashMap<>();

  static {
    TYPOS.put("teh", "the");
    TYPOS.put("recieved", "received");
    TYPOS.put("evryone", "everyone");
    TYPOS.put("goverment", "government");
  }

  private static final Pattern WORD = Pattern.compile("\\p{L}+");
  private static final Pattern A_VOWEL = Pattern.compile("\\b([Aa]) (?=[aeiouAEIOU]\\p{L}*)");
  private static final Pattern HE_HAVE = Pattern.compile("\\b(?:[Hh]e|[Ss]he|[Ii]t) (have)\\b");

  private HTTPServer() {}

  public static void main(String[] args) throws IOException {
    int port = 8081;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--port") || args[i].equals("-p")) {
        port = Integer.parseInt(args[i + 1]);
      }
    }
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.createContext("/v2/healthcheck", ex -> send(ex, 200, "text/plain", "OK"));
    server.createContext(
        "/v2/languages",
        ex ->
            send(
                ex,
                200,
                "application/json",
                "[{\"name\":\"English (US)\",\"code\":\"en\",\"longCode\":\"en-US\"},"
                    + "{\"name\":\"English (GB)\",\"code\":\"en\",\"longCode\":\"en-GB\"}]"));
    server.createContext("/v2/check", HTTPServer::check);
    server.start();
    System.out.println("Server started on http://localhost:" + port);
  }

  private static void check(HttpExchange ex) throws IOException {
    String raw;
    if (ex.getRequestMethod().equals("POST")) {
      raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    } else {
      raw = ex.getRequestURI().getRawQuery();
    }
    Map<String, String> form = parseForm(raw == null ? "" : raw);
    String text = form.get("text");
    String language = form.get("language");
    if (text == null || language == null) {
      send(ex, 400, "text/plain", "Error: Missing 'text' or 'data' parameter");
      return;
    }
    Set<String> disabled = new HashSet<>();
    if (form.containsKey("disabledRules")) {
      disabled.addAll(Arrays.asList(form.get("disabledRules").split(",")));
    }
    List<String> matches = new ArrayList<>();
    if (!disabled.contains("HE_VERB_AGR")) {
      Matcher m = HE_HAVE.matcher(text);
      while (m.find()) {
        matches.add(match(text, m.start(1), m.end(1), "The verb does not agree with the subject.",
            "has", "HE_VERB_AGR", "Agreement error", "grammar", "GRAMMAR", "Grammar"));
      }
    }
    if (!disabled.contains("EN_A_VS_AN")) {
      Matcher m = A_VOWEL.matcher(text);
      while (m.find()) {
        String fix = m.group(1).equals("A") ? "An" : "an";
        matches.add(match(text, m.start(1), m.end(1), "Use \u201c" + fix + "\u201d before a vowel.",
            fix, "EN_A_VS_AN", "Use of a vs. an", "misspelling", "MISC", "Miscellaneous"));
      }
    }
    if (!disabled.contains("MORFOLOGIK_RULE_EN_US")) {
      Matcher m = WORD.matcher(text);
      while (m.find()) {
        String fix = TYPOS.get(m.group());
        if (fix != null) {
          matches.add(match(text, m.start(), m.end(), "Possible spelling mistake found.", fix,
              "MORFOLOGIK_RULE_EN_US", "Possible spelling mistake", "misspelling", "TYPOS",
              "Possible Typo"));
        }
      }
    }
    StringBuilder body = new StringBuilder();
    body.append("{\"software\":{\"name\":\"LanguageTool\",\"version\":\"").append(VERSION)
        .append("\",\"buildDate\":\"stand-in\",\"apiVersion\":1,\"premium\":false,")
        .append("\"status\":\"\"},\"warnings\":{\"incompleteResults\":false},")
        .append("\"language\":{\"name\":\"English\",\"code\":").append(quote(language))
        .append(",\"detectedLanguage\":{\"name\":\"English\",\"code\":").append(quote(language))
        .append(",\"confidence\":0.9}},\"matches\":[").append(String.join(",", matches))
        .append("]}");
    send(ex, 200, "application/json", body.toString());
  }

  private static String match(String text, int start, int end, String message, String fix,
      String id, String description, String issueType, String categoryId, String categoryName) {
    int sentenceStart = Math.max(0, text.lastIndexOf('.', start - 1) + 1);
    int sentenceEnd = text.indexOf('.', end);
    String sentence = text.substring(sentenceStart, sentenceEnd < 0 ? text.length() : sentenceEnd + 1);
    int ctxStart = Math.max(0, start - 20);
    String context = text.substring(ctxStart, Math.min(text.length(), end + 20));
    return "{\"message\":" + quote(message) + ",\"shortMessage\":" + quote(description)
        + ",\"replacements\":[{\"value\":" + quote(fix) + "}],\"offset\":" + start
        + ",\"length\":" + (end - start) + ",\"context\":{\"text\":" + quote(context)
        + ",\"offset\":" + (start - ctxStart) + ",\"length\":" + (end - start) + "},\"sentence\":"
        + quote(sentence.trim()) + ",\"type\":{\"typeName\":\"Other\"},\"rule\":{\"id\":"
        + quote(id) + ",\"description\":" + quote(description) + ",\"issueType\":"
        + quote(issueType) + ",\"category\":{\"id\":" + quote(categoryId) + ",\"name\":"
        + quote(categoryName) + "}},\"ignoreForIncompleteSentence\":false,"
        + "\"contextForSureMatch\":0}";
  }

  private static Map<String, String> parseForm(String raw) {
    Map<String, String> out = new HashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
