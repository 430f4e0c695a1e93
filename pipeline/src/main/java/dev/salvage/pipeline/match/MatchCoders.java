package dev.salvage.pipeline.match;

import dev.salvage.pipeline.beam.BinaryCodec;
import dev.salvage.pipeline.beam.ReconstructedRecordCoder;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Link;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Binary coders of matching's values: candidates, decisions and attachments cross a shuffle per
 * unlinked record, and JSON was a tenth of the run's CPU time. Strings are written once per value
 * ({@link BinaryCodec.Writer}), so an attachment's link shares its record's evidence ids.
 */
final class MatchCoders {
  private static final Candidate.Kind[] CANDIDATE_KINDS = Candidate.Kind.values();
  private static final MatchDecision.Kind[] DECISION_KINDS = MatchDecision.Kind.values();
  private static final FieldComparison[] COMPARISONS = FieldComparison.values();

  private MatchCoders() {}

  static CustomCoder<Candidate> candidate() {
    return CandidateCoder.INSTANCE;
  }

  static CustomCoder<MatchDecision> decision() {
    return MatchDecisionCoder.INSTANCE;
  }

  static CustomCoder<Attachment> attachment() {
    return AttachmentCoder.INSTANCE;
  }

  static CustomCoder<MatchModel> model() {
    return MatchModelCoder.INSTANCE;
  }

  private static void writeNullableLink(BinaryCodec.Writer out, Link link) throws IOException {
    out.bool(link != null);
    if (link != null) {
      ReconstructedRecordCoder.writeLink(out, link);
    }
  }

  private static Link readNullableLink(BinaryCodec.Reader in) throws IOException {
    return in.bool() ? ReconstructedRecordCoder.readLink(in) : null;
  }

  /** Equal when of the same class: each coder is stateless. */
  private abstract static class StatelessCoder<T> extends CustomCoder<T> {
    @Override
    public boolean equals(Object other) {
      return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
      return getClass().hashCode();
    }
  }

  private static final class CandidateCoder extends StatelessCoder<Candidate> {
    static final CandidateCoder INSTANCE = new CandidateCoder();

    @Override
    public void encode(Candidate value, OutputStream outStream) throws IOException {
      BinaryCodec.Writer out = new BinaryCodec.Writer(outStream);
      out.string(value.key());
      ReconstructedRecordCoder.writeLink(out, value.link());
      out.size(value.kind().ordinal());
      out.flush();
    }

    @Override
    public Candidate decode(InputStream inStream) throws IOException {
      BinaryCodec.Reader in = new BinaryCodec.Reader(inStream);
      return new Candidate(
          in.string(), ReconstructedRecordCoder.readLink(in), CANDIDATE_KINDS[in.size()]);
    }
  }

  private static final class MatchDecisionCoder extends StatelessCoder<MatchDecision> {
    static final MatchDecisionCoder INSTANCE = new MatchDecisionCoder();

    @Override
    public void encode(MatchDecision value, OutputStream outStream) throws IOException {
      BinaryCodec.Writer out = new BinaryCodec.Writer(outStream);
      out.size(value.kind().ordinal());
      out.string(value.identified());
      writeNullableLink(out, value.link());
      out.string(value.reason());
      out.string(value.partner());
      out.strings(value.doubted());
      MatchDecision.KeptOut keptOut = value.keptOut();
      out.bool(keptOut != null);
      if (keptOut != null) {
        out.string(keptOut.partner());
        ReconstructedRecordCoder.writeLink(out, keptOut.partnerLink());
        out.string(keptOut.identified());
        ReconstructedRecordCoder.writeLink(out, keptOut.identifiedLink());
      }
      MatchDecision.Nearest nearest = value.nearest();
      out.bool(nearest != null);
      if (nearest != null) {
        out.string(nearest.identified());
        ReconstructedRecordCoder.writeLink(out, nearest.link());
      }
      out.flush();
    }

    @Override
    public MatchDecision decode(InputStream inStream) throws IOException {
      BinaryCodec.Reader in = new BinaryCodec.Reader(inStream);
      return new MatchDecision(
          DECISION_KINDS[in.size()],
          in.string(),
          readNullableLink(in),
          in.string(),
          in.string(),
          in.strings(),
          in.bool()
              ? new MatchDecision.KeptOut(
                  in.string(),
                  ReconstructedRecordCoder.readLink(in),
                  in.string(),
                  ReconstructedRecordCoder.readLink(in))
              : null,
          in.bool()
              ? new MatchDecision.Nearest(in.string(), ReconstructedRecordCoder.readLink(in))
              : null);
    }
  }

  private static final class AttachmentCoder extends StatelessCoder<Attachment> {
    static final AttachmentCoder INSTANCE = new AttachmentCoder();

    @Override
    public void encode(Attachment value, OutputStream outStream) throws IOException {
      BinaryCodec.Writer out = new BinaryCodec.Writer(outStream);
      ReconstructedRecordCoder.write(out, value.record());
      writeNullableLink(out, value.link());
      out.string(value.why());
      out.flush();
    }

    @Override
    public Attachment decode(InputStream inStream) throws IOException {
      BinaryCodec.Reader in = new BinaryCodec.Reader(inStream);
      return new Attachment(ReconstructedRecordCoder.read(in), readNullableLink(in), in.string());
    }
  }

  private static final class MatchModelCoder extends StatelessCoder<MatchModel> {
    static final MatchModelCoder INSTANCE = new MatchModelCoder();

    @Override
    public void encode(MatchModel value, OutputStream outStream) throws IOException {
      BinaryCodec.Writer out = new BinaryCodec.Writer(outStream);
      out.string(value.entity());
      out.strings(value.fields());
      out.size(value.comparisons().size());
      for (FieldComparison comparison : value.comparisons()) {
        out.size(comparison.ordinal());
      }
      writeMatrix(out, value.m());
      writeMatrix(out, value.u());
      out.number(value.lambda());
      out.number(value.pairs());
      out.size(value.frequencies().size());
      for (Map.Entry<String, Map<String, Double>> field : value.frequencies().entrySet()) {
        out.string(field.getKey());
        out.size(field.getValue().size());
        for (Map.Entry<String, Double> share : field.getValue().entrySet()) {
          out.string(share.getKey());
          out.number(share.getValue());
        }
      }
      out.flush();
    }

    @Override
    public MatchModel decode(InputStream inStream) throws IOException {
      BinaryCodec.Reader in = new BinaryCodec.Reader(inStream);
      String entity = in.string();
      List<String> fields = in.strings();
      int comparisonCount = in.size();
      List<FieldComparison> comparisons = new ArrayList<>(comparisonCount);
      for (int i = 0; i < comparisonCount; i++) {
        comparisons.add(COMPARISONS[in.size()]);
      }
      double[][] m = readMatrix(in);
      double[][] u = readMatrix(in);
      double lambda = in.number();
      long pairs = in.longNumber();
      int frequencyCount = in.size();
      Map<String, Map<String, Double>> frequencies = new HashMap<>();
      for (int i = 0; i < frequencyCount; i++) {
        String field = in.string();
        int shareCount = in.size();
        Map<String, Double> shares = new HashMap<>();
        for (int j = 0; j < shareCount; j++) {
          shares.put(in.string(), in.number());
        }
        frequencies.put(field, Map.copyOf(shares));
      }
      return new MatchModel(entity, fields, comparisons, m, u, lambda, pairs, frequencies);
    }

    private static void writeMatrix(BinaryCodec.Writer out, double[][] matrix) throws IOException {
      out.size(matrix.length);
      for (double[] row : matrix) {
        out.size(row.length);
        for (double cell : row) {
          out.number(cell);
        }
      }
    }

    private static double[][] readMatrix(BinaryCodec.Reader in) throws IOException {
      double[][] matrix = new double[in.size()][];
      for (int i = 0; i < matrix.length; i++) {
        matrix[i] = new double[in.size()];
        for (int j = 0; j < matrix[i].length; j++) {
          matrix[i][j] = in.number();
        }
      }
      return matrix;
    }
  }
}
