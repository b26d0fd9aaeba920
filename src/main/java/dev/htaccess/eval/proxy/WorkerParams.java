package dev.htaccess.eval.proxy;

import dev.htaccess.httpd.CNumbers;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code key=value} parameters of a ProxyPass worker (mod_proxy's set_worker_param) and of a
 * {@code balancer://} one (set_balancer_param), checked as Apache checks them at start-up.
 */
final class WorkerParams {

  private static final Set<String> BALANCER_KEYS =
      Set.of(
          "stickysession",
          "stickysessionsep",
          "nofailover",
          "timeout",
          "maxattempts",
          "lbmethod",
          "scolonpathdelim",
          "failonstatus",
          "failontimeout",
          "nonce",
          "growth",
          "forcerecovery");

  private WorkerParams() {}

  /**
   * @throws IllegalArgumentException with Apache's message ({@code ProxyPass ...}) when it refuses
   *     the parameter
   */
  static void check(String key, String value, boolean balancer) {
    String k = key.toLowerCase(Locale.ROOT);
    String problem = balancer ? balancerProblem(k, value) : workerProblem(k, value);
    if (problem != null) {
      throw new IllegalArgumentException("ProxyPass " + problem);
    }
  }

  private static String balancerProblem(String key, String value) {
    if (!BALANCER_KEYS.contains(key)) {
      return "unknown Balancer parameter";
    }
    return switch (key) {
      case "nofailover" -> onOff(value) ? null : "failover must be On|Off";
      case "scolonpathdelim" -> onOff(value) ? null : "scolonpathdelim must be On|Off";
      case "failontimeout" -> onOff(value) ? null : "failontimeout must be On|Off";
      case "timeout" -> CNumbers.atoi(value) < 1 ? "timeout must be at least one second" : null;
      case "maxattempts" ->
          CNumbers.atoi(value) < 0 ? "maximum number of attempts must be a positive number" : null;
      // the lbmethod providers (mod_lbmethod_*) are not among the loaded modules
      case "lbmethod" -> "unknown lbmethod";
      default -> null;
    };
  }

  private static String workerProblem(String key, String value) {
    int n = CNumbers.atoi(value);
    return switch (key) {
      case "loadfactor" -> {
        double f;
        try {
          f = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
          f = 0;
        }
        int scaled = (int) (f * 100.0);
        yield scaled < 100 || scaled > 10000 ? "LoadFactor must be a number between 1..100" : null;
      }
      case "retry" -> n < 0 ? "Retry must be a positive value" : null;
      case "ttl" -> n < 1 ? "TTL must be at least one second" : null;
      case "min" -> n < 0 ? "Min must be a positive number" : null;
      case "max" -> n < 0 ? "Max must be a positive number" : null;
      case "smax" -> n < 0 ? "Smax must be a positive number" : null;
      case "timeout" -> n < 1 ? "Timeout must be at least one second" : null;
      case "acquire" ->
          timeoutProblem(
              value,
              "ms",
              "Acquire timeout has wrong format",
              "Acquire must be at least one millisecond");
      case "ping" ->
          timeoutProblem(
              value,
              "s",
              "Ping/Pong timeout has wrong format",
              "Ping/Pong timeout must be at least one millisecond");
      case "connectiontimeout" ->
          timeoutProblem(
              value,
              "s",
              "Connectiontimeout has wrong format",
              "Connectiontimeout must be at least one millisecond.");
      case "iobuffersize" ->
          n < 512 && n != 0 ? "IOBufferSize must be >= 512 bytes, or 0 for system default." : null;
      case "receivebuffersize" ->
          n < 512 && n != 0
              ? "ReceiveBufferSize must be >= 512 bytes, or 0 for system default."
              : null;
      case "keepalive" -> onOff(value) ? null : "KeepAlive must be On|Off";
      case "disablereuse" -> onOff(value) ? null : "DisableReuse must be On|Off";
      case "enablereuse" -> onOff(value) ? null : "EnableReuse must be On|Off";
      case "flushpackets" ->
          value.equalsIgnoreCase("on")
                  || value.equalsIgnoreCase("off")
                  || value.equalsIgnoreCase("auto")
              ? null
              : "flushpackets must be on|off|auto";
      case "flushwait" ->
          n > 1000 || n < 0
              ? "flushwait must be <= 1000, or 0 for system default of 10 millseconds."
              : null;
      case "lbset" -> n < 0 || n > 99 ? "lbset must be between 0 and 99" : null;
      case "status" -> statusProblem(value);
      case "responsefieldsize" ->
          n < 0 ? "ResponseFieldSize must be greater than 0 bytes, or 0 for system default." : null;
      case "addressttl",
          "route",
          "redirect",
          "flusher",
          "upgrade",
          "secret",
          "stickysession",
          "stickysessionsep" ->
          null;
      default -> "unknown Worker parameter";
    };
  }

  private static boolean onOff(String value) {
    return value.equalsIgnoreCase("on") || value.equalsIgnoreCase("off");
  }

  /**
   * ap_timeout_parameter_parse: a non-negative number with an optional unit (ms, s, mi, h; the
   * default unit otherwise), then at least one millisecond.
   */
  private static String timeoutProblem(String value, String unit, String format, String tooSmall) {
    int i = 0;
    String v = value.stripLeading();
    if (i < v.length() && (v.charAt(i) == '+' || v.charAt(i) == '-')) {
      i++;
    }
    int digits = i;
    while (i < v.length() && Character.isDigit(v.charAt(i))) {
      i++;
    }
    if (v.startsWith("-") && i > digits) {
      return format;
    }
    long number = i > digits ? Long.parseLong(v.substring(digits, Math.min(i, digits + 18))) : 0;
    String suffix = i < v.length() ? v.substring(i) : unit;
    long micros;
    if (suffix.startsWith("s")) {
      micros = number * 1_000_000;
    } else if (suffix.startsWith("h")) {
      micros = number * 3_600_000_000L;
    } else if (suffix.startsWith("ms")) {
      micros = number * 1000;
    } else if (suffix.startsWith("mi")) {
      micros = number * 60_000_000L;
    } else {
      return format;
    }
    return micros < 1000 ? tooSmall : null;
  }

  /** {@code status=[+-]FLAGS}: the letters of the worker states Apache knows. */
  private static String statusProblem(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '+' || c == '-') {
        continue;
      }
      if ("OINGUDSEHFCR".indexOf(Character.toUpperCase(c)) < 0) {
        return "Unknown status parameter option";
      }
    }
    return null;
  }
}
