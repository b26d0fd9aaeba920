package dev.htaccess.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two versions of a file (what {@code diff -u} and review bots read): lines
 * matched by their longest common subsequence, changes shown with three lines of context.
 */
public final class UnifiedDiff {

  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff of {@code before} and {@code after} (empty when they are equal). */
  public static String of(String path, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<int[]> ops = script(a, b); // {kind, indexA, indexB}: 0 same, 1 delete, 2 insert
    StringBuilder out = new StringBuilder();
    path = path.replaceFirst("^/+", "");
    out.append("--- a/").append(path).append('\n').append("+++ b/").append(path).append('\n');
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i)[0] == 0) {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      // Extend the hunk while changes are within 2*CONTEXT lines of each other.
      int lastChange = i;
      while (end < ops.size()) {
        if (ops.get(end)[0] != 0) {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(ops.size(), lastChange + CONTEXT + 1);
      int aStart = -1;
      int bStart = -1;
      int aCount = 0;
      int bCount = 0;
      StringBuilder body = new StringBuilder();
      for (int k = start; k < end; k++) {
        int[] op = ops.get(k);
        if (aStart < 0) {
          aStart = op[1];
          bStart = op[2];
        }
        switch (op[0]) {
          case 0 -> {
            body.append(' ').append(a.get(op[1])).append('\n');
            aCount++;
            bCount++;
          }
          case 1 -> {
            body.append('-').append(a.get(op[1])).append('\n');
            aCount++;
          }
          default -> {
            body.append('+').append(b.get(op[2])).append('\n');
            bCount++;
          }
        }
      }
      out.append("@@ -")
          .append(range(aStart, aCount))
          .append(" +")
          .append(range(bStart, bCount))
          .append(" @@\n")
          .append(body);
      i = end;
    }
    return out.toString();
  }

  private static String range(int start, int count) {
    int first = count == 0 ? start : start + 1;
    return count == 1 ? String.valueOf(first) : first + "," + count;
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /** The edit script from the LCS table: each op with its position in a and in b. */
  private static List<int[]> script(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<int[]> ops = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        ops.add(new int[] {0, i++, j++});
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add(new int[] {1, i++, j});
      } else {
        ops.add(new int[] {2, i, j++});
      }
    }
    return ops;
  }
}
