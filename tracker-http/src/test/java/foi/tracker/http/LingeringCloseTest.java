package foi.tracker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LingeringClose} on real sockets: a server that answers on the first bytes it reads and
 * closes at once, as the services do with a write that has no valid token.
 */
class LingeringCloseTest {
  private static final byte[] ANSWER = "HTTP/1.1 401 \r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private EventLoopGroup group;
  private Channel server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void shouldLetAClientThatIsStillSendingFinishAndReadTheAnswer() throws Exception {
    final int port = start(true, 4 * 1024 * 1024, Duration.ofSeconds(5));
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      final OutputStream out = s.getOutputStream();
      out.write(new byte[16 * 1024]);
      out.flush();
      final InputStream in = s.getInputStream();
      assertEquals(new String(ANSWER, StandardCharsets.US_ASCII), readExactly(in, ANSWER.length));
      Thread.sleep(200); // the server has closed by now; a plain close would have reset the socket
      keepSending(out); // no "broken pipe": the server still reads and drops
      s.shutdownOutput();
      assertEquals(-1, in.read(), "the server closes once the client has closed its side");
    }
  }

  /** The test above fires without the lingering close: the client's writes fail. */
  @Test
  void shouldBreakAClientStillSendingWhenTheServerClosesAtOnce() throws Exception {
    final int port = start(false, 0, Duration.ZERO);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      final OutputStream out = s.getOutputStream();
      out.write(new byte[16 * 1024]);
      out.flush();
      readExactly(s.getInputStream(), ANSWER.length);
      Thread.sleep(200);
      assertThrows(IOException.class, () -> keepSending(out));
    }
  }

  @Test
  void shouldCutOffAClientThatSendsMoreThanTheBound() throws Exception {
    final int port = start(true, 256 * 1024, Duration.ofSeconds(5));
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      final OutputStream out = s.getOutputStream();
      out.write(new byte[1024]);
      out.flush();
      readExactly(s.getInputStream(), ANSWER.length);
      final long[] sent = {0};
      assertThrows(
          IOException.class,
          () -> {
            while (sent[0] < 256L * 1024 * 1024) {
              out.write(new byte[64 * 1024]);
              sent[0] += 64 * 1024;
            }
          });
      assertTrue(sent[0] < 256L * 1024 * 1024, "sent " + sent[0]);
    }
  }

  @Test
  void shouldCloseWhenTheClientSendsNothingMore() throws Exception {
    // after the idle time the server closes for good: what the client sends then is refused (a
    // reset), no longer read and dropped
    assertTrue(refusedAfterASilentSecond(Duration.ofMillis(200)));
  }

  /** The test above fires without the idle bound: within it, the server still reads what comes. */
  @Test
  void shouldStillReadAndDropWhatComesWithinTheIdleTime() throws Exception {
    assertFalse(refusedAfterASilentSecond(Duration.ofSeconds(5)));
  }

  /**
   * A client that reads its answer and the end of the server's side, keeps its own side open and
   * silent for a second, then sends: whether that is refused.
   */
  private boolean refusedAfterASilentSecond(final Duration idle) throws Exception {
    final int port = start(true, 4 * 1024 * 1024, idle);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      final OutputStream out = s.getOutputStream();
      out.write(new byte[100]);
      out.flush();
      final InputStream in = s.getInputStream();
      readExactly(in, ANSWER.length);
      assertEquals(-1, in.read(), "the server's side ends right after the answer");
      Thread.sleep(1_000);
      try {
        keepSending(out);
        return false;
      } catch (IOException refused) {
        return true;
      }
    }
  }

  private int start(final boolean linger, final long maxBytes, final Duration idle) {
    group = new NioEventLoopGroup(1);
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(final SocketChannel ch) {
                    if (linger) {
                      ch.pipeline()
                          .addLast(new LingeringClose(maxBytes, idle, Duration.ofSeconds(30)));
                    }
                    ch.pipeline().addLast(new AnswerAndClose());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .syncUninterruptibly()
            .channel();
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /**
   * Answers on the first bytes it reads, then closes: what the services' 401 before the body does.
   */
  private static final class AnswerAndClose extends ChannelInboundHandlerAdapter {
    private boolean answered;

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
      ReferenceCountUtil.release(msg);
      if (!answered) {
        answered = true;
        final ByteBuf answer = Unpooled.wrappedBuffer(ANSWER);
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
      }
    }
  }

  /** What a client still sending its body does: 512 KiB in 8 KiB writes, a little apart. */
  private static void keepSending(final OutputStream out) throws IOException, InterruptedException {
    for (int i = 0; i < 64; i++) {
      out.write(new byte[8 * 1024]);
      out.flush();
      Thread.sleep(5);
    }
  }

  private static String readExactly(final InputStream in, final int n) throws IOException {
    final byte[] b = in.readNBytes(n);
    assertEquals(n, b.length, "the answer was cut short");
    return new String(b, StandardCharsets.US_ASCII);
  }

  @Test
  void shouldNotLingerOnAConnectionThatIsNotASocket() {
    final io.netty.channel.embedded.EmbeddedChannel ch =
        new io.netty.channel.embedded.EmbeddedChannel(
            new LingeringClose(10, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    ch.close();
    assertTrue(!ch.isOpen());
    assertNull(ch.readInbound());
  }
}
