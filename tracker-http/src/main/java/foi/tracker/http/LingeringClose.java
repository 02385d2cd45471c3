package foi.tracker.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A graceful close (从容关闭) of a connection the server ends while the client may still be sending.
 *
 * <p>The services answer some calls before reading their body: a write without a valid token gets
 * its 401 from the headers alone, and the connection is then closed. Closing a socket that still
 * holds unread bytes makes the kernel answer with a reset, which can throw away the answer before
 * it leaves and makes the client's next write fail ("broken pipe"): the client never sees its 401.
 *
 * <p>So a close that passes here is made in steps: the answer already written is followed by the
 * end of the server's side (FIN), whatever the client still sends is read and thrown away, and the
 * connection is closed for good when the client closes its side, when nothing has arrived for
 * {@code idle}, after {@code total} at most, or once more than {@code maxBytes} were thrown away
 * (an unauthenticated caller cannot make the server read without end). This is what web servers
 * call a lingering close.
 *
 * <p>It sits first in a connection's pipeline, so that every close the HTTP handlers make reaches
 * it and every byte read while lingering stops here.
 */
final class LingeringClose extends ChannelDuplexHandler {
  private final long maxBytes;
  private final long idleMillis;
  private final long totalMillis;
  private boolean lingering;
  private long discarded;
  private ScheduledFuture<?> idleTimer;
  private ScheduledFuture<?> totalTimer;

  LingeringClose(final long maxBytes, final Duration idle, final Duration total) {
    this.maxBytes = maxBytes;
    this.idleMillis = idle.toMillis();
    this.totalMillis = total.toMillis();
  }

  /** Whether this connection is in its lingering close (for tests and logs). */
  boolean lingering() {
    return lingering;
  }

  @Override
  public void close(final ChannelHandlerContext ctx, final ChannelPromise promise) {
    if (lingering) {
      // closed again while lingering: the promise completes with the real close
      ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
      return;
    }
    if (!(ctx.channel() instanceof DuplexChannel channel)
        || !channel.isActive()
        || channel.isOutputShutdown()
        || channel.isInputShutdown()) {
      ctx.close(promise);
      return;
    }
    lingering = true;
    channel.closeFuture().addListener(f -> promise.trySuccess());
    channel
        .shutdownOutput()
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                ctx.close();
              }
            });
    totalTimer = ctx.executor().schedule(() -> closeNow(ctx), totalMillis, TimeUnit.MILLISECONDS);
    armIdle(ctx);
    channel.config().setAutoRead(true);
    ctx.read();
  }

  @Override
  public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
    if (!lingering) {
      ctx.fireChannelRead(msg);
      return;
    }
    discarded += readable(msg);
    ReferenceCountUtil.release(msg);
    if (discarded > maxBytes) {
      closeNow(ctx);
    } else {
      armIdle(ctx);
    }
  }

  @Override
  public void channelReadComplete(final ChannelHandlerContext ctx) {
    if (!lingering) {
      ctx.fireChannelReadComplete();
    } else if (!ctx.channel().config().isAutoRead()) {
      ctx.read();
    }
  }

  @Override
  public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) {
    if (lingering && evt instanceof ChannelInputShutdownEvent) {
      closeNow(ctx); // the client closed its side: nothing more to wait for
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
    if (lingering) {
      closeNow(ctx); // e.g. a reset from the client: the answer was already sent
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  @Override
  public void channelInactive(final ChannelHandlerContext ctx) {
    cancelTimers();
    ctx.fireChannelInactive();
  }

  private void armIdle(final ChannelHandlerContext ctx) {
    if (idleTimer != null) {
      idleTimer.cancel(false);
    }
    idleTimer = ctx.executor().schedule(() -> closeNow(ctx), idleMillis, TimeUnit.MILLISECONDS);
  }

  /** The real close: from this handler's context it goes straight to the socket. */
  private void closeNow(final ChannelHandlerContext ctx) {
    cancelTimers();
    ctx.close();
  }

  private void cancelTimers() {
    if (idleTimer != null) {
      idleTimer.cancel(false);
      idleTimer = null;
    }
    if (totalTimer != null) {
      totalTimer.cancel(false);
      totalTimer = null;
    }
  }

  private static long readable(final Object msg) {
    if (msg instanceof ByteBuf b) {
      return b.readableBytes();
    }
    if (msg instanceof ByteBufHolder h) {
      return h.content().readableBytes();
    }
    return 0;
  }
}
